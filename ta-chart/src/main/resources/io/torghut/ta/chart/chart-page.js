// The chart page's script: builds one lightweight-charts chart (price pane with candles, volume
// and overlays; MACD pane; RSI pane) from the data the Java side embedded, and wires the symbol
// and lane selectors, the overlay switches and the crosshair read-out. window.taChart exposes the
// library's own objects (chart, series, markers) so tests can read what the library holds.
(function () {
  'use strict';
  const LWC = window.LightweightCharts;
  const data = JSON.parse(document.getElementById('ta-chart-data').textContent);
  const api = {
    state: data.state, ready: false, chart: null, candles: null, volume: null,
    series: {}, live: {}, markers: null, symbol: null, lane: null, rsiGuides: [],
  };
  window.taChart = api;
  const $ = (id) => document.getElementById(id);

  $('title').textContent = data.title;
  $('meta').textContent = 'Source: ' + data.source +
      (data.range ? ' · range ' + data.range : '') +
      ' · written ' + data.generatedAt + ' · times are UTC';
  $('footer').textContent = 'Charting: ' + data.library + ' (Apache-2.0), inlined; the page loads nothing.';

  function showMessage(kind, text) {
    const m = $('message');
    m.className = kind;
    m.querySelector('.kind').textContent = kind === 'error' ? 'Error' : 'No data';
    m.querySelector('.text').textContent = text;
    m.hidden = false;
  }

  if (data.state !== 'chart') {
    showMessage(data.state === 'error' ? 'error' : 'empty', data.message);
    api.ready = true;
    return;
  }

  const PANE_STRETCH = [3, 1.2, 1];
  // Shown before the chart is made: a chart made in a hidden box has no width to fit into.
  $('chart').hidden = false;
  const chart = LWC.createChart($('chart'), {
    autoSize: true,
    layout: { background: { color: '#ffffff' }, textColor: '#333' },
    grid: { vertLines: { color: '#f0f3fa' }, horzLines: { color: '#f0f3fa' } },
    crosshair: { mode: LWC.CrosshairMode.Normal },
    timeScale: { timeVisible: true, secondsVisible: true },
    localization: { timeFormatter: (t) => new Date(t * 1000).toISOString().slice(11, 19) },
  });
  api.chart = chart;
  api.candles = chart.addSeries(LWC.CandlestickSeries, {
    upColor: '#26a69a', downColor: '#ef5350', wickUpColor: '#26a69a', wickDownColor: '#ef5350',
    borderVisible: false, title: '',
  }, 0);
  api.volume = chart.addSeries(LWC.HistogramSeries, {
    priceFormat: { type: 'volume' }, priceScaleId: 'volume', color: '#b0bec5',
    lastValueVisible: false, priceLineVisible: false,
  }, 0);
  api.volume.priceScale().applyOptions({ scaleMargins: { top: 0.82, bottom: 0 } });
  api.candles.priceScale().applyOptions({ scaleMargins: { top: 0.05, bottom: 0.2 } });

  for (const def of data.seriesDefs) {
    // The MACD and RSI lines name themselves on their pane's scale, so the panes read as such.
    const labelled = def.pane !== 0 && def.style !== 'histogram';
    const common = {
      color: def.color, lastValueVisible: labelled, priceLineVisible: false,
      title: labelled ? def.label : '',
    };
    api.series[def.id] = def.style === 'histogram'
      ? chart.addSeries(LWC.HistogramSeries, common, def.pane)
      : chart.addSeries(LWC.LineSeries, Object.assign(common, {
          lineWidth: def.pane === 0 ? 1 : 2,
          lineStyle: def.style === 'dashed' ? LWC.LineStyle.Dashed : LWC.LineStyle.Solid,
          crosshairMarkerVisible: false,
        }), def.pane);
  }
  const rsi = api.series.rsi14;
  for (const level of [70, 30]) {
    api.rsiGuides.push(rsi.createPriceLine({
      price: level, color: '#9e9e9e', lineWidth: 1, lineStyle: LWC.LineStyle.Dashed,
      axisLabelVisible: true, title: String(level),
    }));
  }
  if (data.parity) {
    api.live.c = chart.addSeries(LWC.LineSeries, {
      color: '#37474f', lineWidth: 1, lineStyle: LWC.LineStyle.Dotted,
      lastValueVisible: false, priceLineVisible: false, crosshairMarkerVisible: false,
    }, 0);
    for (const def of data.seriesDefs) {
      if (def.style === 'histogram') continue;
      api.live[def.id] = chart.addSeries(LWC.LineSeries, {
        color: '#37474f', lineWidth: 1, lineStyle: LWC.LineStyle.Dotted,
        lastValueVisible: false, priceLineVisible: false, crosshairMarkerVisible: false,
      }, def.pane);
    }
  }
  api.markers = LWC.createSeriesMarkers(api.candles, []);
  // Stretch factors, not heights: they hold whatever size the box gets.
  chart.panes().forEach((p, i) => p.setStretchFactor(PANE_STRETCH[i] || 1));

  // Controls: symbol, lane, one switch per overlay toggle (and the live rows of a parity chart).
  const symbolSelect = $('symbol');
  for (const s of data.symbols) {
    const o = document.createElement('option');
    o.value = s.symbol;
    o.textContent = s.symbol + (s.hasRows ? '' : ' (no data)');
    symbolSelect.appendChild(o);
  }
  $('symbol-control').hidden = data.symbols.length < 2;
  const laneSelect = $('lane');
  for (const l of data.lanes) {
    const o = document.createElement('option');
    o.value = l.id;
    o.textContent = l.label;
    laneSelect.appendChild(o);
  }
  const toggleDefs = data.toggles.slice();
  if (data.parity) toggleDefs.push({ id: 'live', label: 'live rows (dotted)' });
  for (const t of toggleDefs) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.id = 'toggle-' + t.id;
    box.checked = true;
    box.addEventListener('change', () => applyToggle(t.id, box.checked));
    const def = data.seriesDefs.find((d) => d.toggle === t.id);
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = def ? def.color : '#37474f';
    label.append(box, swatch, t.label);
    $('toggles').appendChild(label);
  }

  function applyToggle(id, visible) {
    for (const def of data.seriesDefs) {
      if (def.toggle !== id) continue;
      api.series[def.id].applyOptions({ visible });
      if (api.live[def.id]) {
        api.live[def.id].applyOptions({ visible: visible && $('toggle-live').checked });
      }
    }
    if (id === 'live') {
      for (const [column, s] of Object.entries(api.live)) {
        const def = data.seriesDefs.find((d) => d.id === column);
        const overlayOn = !def || !def.toggle || $('toggle-' + def.toggle).checked;
        s.applyOptions({ visible: visible && overlayOn });
      }
    }
  }

  // The read-out: every value at the crosshair's time, or at the last candle.
  let index = new Map();
  function buildIndex(lane) {
    index = new Map();
    const at = (t) => {
      let e = index.get(t);
      if (!e) { e = { values: {}, live: {} }; index.set(t, e); }
      return e;
    };
    for (const c of lane.candles) at(c[0]).candle = c;
    for (const [id, points] of Object.entries(lane.series)) {
      for (const p of points) at(p[0]).values[id] = p[1];
    }
    for (const [id, points] of Object.entries(lane.live)) {
      for (const p of points) at(p[0]).live[id] = p[1];
    }
  }
  const fmt = (v) => (v === undefined || v === null ? '—'
      : Math.abs(v) >= 1000 ? v.toFixed(1) : Math.abs(v) >= 1 ? v.toFixed(4) : v.toPrecision(4));
  function item(field, label, value, color) {
    const span = document.createElement('span');
    span.className = 'item';
    span.dataset.field = field;
    if (value !== undefined && value !== null) span.dataset.value = String(value);
    const b = document.createElement('b');
    if (color) b.style.color = color;
    b.textContent = label + ' ';
    const v = document.createElement('span');
    v.className = 'value';
    v.textContent = field === 'time' ? value : fmt(value);
    span.append(b, v);
    return span;
  }
  function renderReadout(time) {
    const r = $('readout');
    r.replaceChildren();
    const e = index.get(time) || { values: {}, live: {} };
    r.dataset.time = String(time);
    r.append(item('time', 'time', new Date(time * 1000).toISOString()));
    const c = e.candle || [];
    r.append(item('o', 'O', c[1]), item('h', 'H', c[2]), item('l', 'L', c[3]),
        item('c', 'C', c[4]), item('v', 'Vol', c[5]));
    for (const def of data.seriesDefs) {
      r.append(item(def.id, def.label, e.values[def.id], def.color));
    }
    if (data.parity) {
      r.append(item('live:c', 'live C', e.live.c, '#37474f'));
      for (const def of data.seriesDefs) {
        if (def.style !== 'histogram') {
          r.append(item('live:' + def.id, 'live ' + def.label, e.live[def.id], '#37474f'));
        }
      }
    }
  }
  let lastTime = null;
  chart.subscribeCrosshairMove((param) => {
    if (param.time !== undefined) renderReadout(param.time);
    else if (lastTime !== null) renderReadout(lastTime);
  });

  function lagBox(s) {
    const box = $('lag');
    const lag = s.lag;
    box.hidden = false;
    if (lag.lagMs === null) {
      box.className = 'over';
      box.textContent = 'Freshness lag: n/a, ' + s.symbol + ' has no rows in the source';
      return;
    }
    box.className = lag.onTarget ? 'ok' : 'over';
    box.textContent = 'Freshness lag ' + lag.text + ' when written (now − newest event_ts ' +
        lag.newestEventTs + '), target ' + lag.targetText + ': ' +
        (lag.onTarget ? 'on target' : 'OVER TARGET');
  }

  const pairs = (points) => points.map((p) => ({ time: p[0], value: p[1] }));
  function show(symbol, laneId) {
    const s = data.symbols.find((x) => x.symbol === symbol);
    const lane = s.lanes[laneId];
    api.symbol = symbol;
    api.lane = laneId;
    symbolSelect.value = symbol;
    laneSelect.value = laneId;
    lagBox(s);
    const noData = s.noData || lane.noData;
    $('message').hidden = true;
    if (noData) showMessage('empty', noData);
    $('chart').hidden = !!noData;
    $('readout').hidden = !!noData;
    // A marker needs a slot on the time scale: a differing identity at a time without a candle
    // (e.g. a 1 min signal only the replay has) gets a blank one, else the library would put its
    // marker on the nearest candle, at the wrong time.
    const candleTimes = new Set(lane.candles.map((c) => c[0]));
    const slots = lane.candles.map((c) => ({
      time: c[0], open: c[1], high: c[2], low: c[3], close: c[4],
    }));
    for (const m of lane.markers) {
      if (!candleTimes.has(m.time)) slots.push({ time: m.time });
    }
    slots.sort((a, b) => a.time - b.time);
    api.candles.setData(slots);
    api.volume.setData(lane.candles.map((c) => ({
      time: c[0], value: c[5], color: c[4] >= c[1] ? '#a5d6c7' : '#f5b7b5',
    })));
    for (const def of data.seriesDefs) {
      const points = lane.series[def.id] || [];
      api.series[def.id].setData(def.style === 'histogram'
        ? points.map((p) => ({ time: p[0], value: p[1], color: p[1] >= 0 ? '#26a69a' : '#ef5350' }))
        : pairs(points));
    }
    for (const [column, series] of Object.entries(api.live)) {
      series.setData(pairs(lane.live[column] || []));
    }
    api.markers.setMarkers(lane.markers.map((m) => ({
      time: m.time, position: 'aboveBar', color: '#d93025', shape: 'arrowDown', text: m.text,
    })));
    buildIndex(lane);
    lastTime = lane.candles.length ? lane.candles[lane.candles.length - 1][0] : null;
    if (lastTime !== null) renderReadout(lastTime);
    chart.timeScale().fitContent();
    // Again once the box has its size: a box just shown is measured on the next frame.
    requestAnimationFrame(() => chart.timeScale().fitContent());
  }
  symbolSelect.addEventListener('change', () => show(symbolSelect.value, laneSelect.value));
  laneSelect.addEventListener('change', () => show(symbolSelect.value, laneSelect.value));

  if (data.parity) {
    const p = data.parity;
    const section = $('parity');
    section.hidden = false;
    const summary = section.querySelector('.summary');
    summary.className = 'summary ' + (p.differing === 0 ? 'match' : 'differ');
    summary.textContent = p.differing === 0
      ? 'Replayed rows match the live rows: ' + p.compared + ' identities compared.'
      : p.differing + ' of ' + p.compared + ' identities differ (' + p.missing +
        ' missing in replay, ' + p.extra + ' extra in replay, ' + p.valuesDiffer +
        ' with other values); each is marked ▼ on the candles.';
    section.querySelector('.sources').textContent =
        'Live rows: ' + p.liveSource + ' · replayed rows: ' + data.source;
    const body = $('differences').querySelector('tbody');
    for (const d of p.differences) {
      const tr = document.createElement('tr');
      for (const v of [d.time, d.lane, d.table, d.kind, d.what]) {
        const td = document.createElement('td');
        td.textContent = v;
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
    $('differences').hidden = p.differences.length === 0;
  }

  $('controls').hidden = false;
  const first = data.symbols.find((s) => s.hasRows) || data.symbols[0];
  show(first.symbol, data.initialLane);
  requestAnimationFrame(() => requestAnimationFrame(() => { api.ready = true; }));
})();
