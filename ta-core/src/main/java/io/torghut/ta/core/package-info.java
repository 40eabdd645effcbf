/** Pure-Java technical analysis core. */
package io.torghut.ta.core;
