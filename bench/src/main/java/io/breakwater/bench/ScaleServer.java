package io.breakwater.bench;

import io.breakwater.server.RunningServer;
import io.breakwater.server.Server;
import io.breakwater.server.ServerConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The server of a {@code bench/scale} run in its own JVM (its own 2 GB heap, as in production): {@code ScaleServer
 * <data-dir> <jdbc-url or -> <admin-password> <max-firewall-rules>} prints {@code PORT <n>} once it listens, then
 * answers each {@code STATS} line on stdin with {@code STATS <process CPU ns> <peak heap bytes since the last
 * STATS>}; it stops when stdin closes.
 */
public final class ScaleServer {

    private ScaleServer() {}

    public static void main(String[] args) throws Exception {
        var limits = new io.breakwater.server.domain.CapacityLimits(Integer.parseInt(args[3]),
                io.breakwater.server.domain.CapacityLimits.NSX.groups(),
                io.breakwater.server.domain.CapacityLimits.NSX.criteriaPerGroup());
        var config = ServerConfig.defaults(Path.of(args[0])).withPort(0).withTls(false).withAdminPassword(args[2])
                .withRatePerSecond(1_000_000).withCapacity(limits);
        RunningServer server = Server.start(args[1].equals("-") ? config : config.withJdbcUrl(args[1]));
        System.out.println("PORT " + server.port());
        System.out.flush();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("STATS")) {
                long peak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
                pools.forEach(MemoryPoolMXBean::resetPeakUsage);
                System.out.println("STATS " + os.getProcessCpuTime() + " " + peak);
                System.out.flush();
            }
        }
        server.close();
        System.exit(0);
    }
}
