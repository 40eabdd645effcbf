package io.torghut.ta.reliability;

import java.io.File;
import org.apache.flink.client.deployment.application.ApplicationClusterEntryPoint;
import org.apache.flink.client.program.DefaultPackagedProgramRetriever;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.runtime.entrypoint.ClusterEntrypoint;
import org.apache.flink.runtime.resourcemanager.StandaloneResourceManagerFactory;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.apache.flink.runtime.util.JvmShutdownSafeguard;
import org.apache.flink.runtime.util.SignalHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JobManager in application mode, as {@code standalone-job.sh} starts Flink's {@code
 * StandaloneApplicationClusterEntryPoint} and as the Kubernetes operator's JobManager pod runs the
 * job: the cluster's entry point runs the job's {@code main} itself, in this process and with this
 * process's environment, every time a JobManager starts. The user JAR comes from a {@code usrlib}
 * directory (the image's {@code /opt/flink/usrlib}) and is shipped to the TaskManagers.
 *
 * <p>Flink 2.2 publishes {@code StandaloneApplicationClusterEntryPoint} only inside its
 * distribution ({@code flink-dist}), not as a Maven artifact, so this class does what it does on
 * top of the published {@link ApplicationClusterEntryPoint}: load {@code config.yaml}, build the
 * packaged program from the user-library directory and the entry class, configure the execution
 * ({@code pipeline.jars}, the embedded executor) and run the cluster with the standalone resource
 * manager. Arguments: {@code --configDir DIR --usrlib DIR --job-classname CLASS}.
 */
public final class StandaloneApplicationEntryPoint extends ApplicationClusterEntryPoint {
    private static final Logger LOG =
            LoggerFactory.getLogger(StandaloneApplicationEntryPoint.class);

    private StandaloneApplicationEntryPoint(Configuration configuration, PackagedProgram program) {
        super(configuration, program, StandaloneResourceManagerFactory.getInstance());
    }

    /** Starts the JobManager; exits the process when the application ends or fails. */
    public static void main(String[] args) throws Exception {
        EnvironmentInformation.logEnvironmentInfo(
                LOG, StandaloneApplicationEntryPoint.class.getSimpleName(), args);
        SignalHandler.register(LOG);
        JvmShutdownSafeguard.installAsShutdownHook(LOG);
        String configDir = argument(args, "--configDir");
        File usrlib = new File(argument(args, "--usrlib"));
        String entryClass = argument(args, "--job-classname");
        Configuration configuration = GlobalConfiguration.loadConfiguration(configDir);
        PackagedProgram program =
                DefaultPackagedProgramRetriever.create(
                                usrlib, entryClass, new String[0], configuration)
                        .getPackagedProgram();
        configureExecution(configuration, program);
        ClusterEntrypoint.runClusterEntrypoint(
                new StandaloneApplicationEntryPoint(configuration, program));
    }

    private static String argument(String[] args, String name) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        throw new IllegalArgumentException("missing " + name + " in " + String.join(" ", args));
    }
}
