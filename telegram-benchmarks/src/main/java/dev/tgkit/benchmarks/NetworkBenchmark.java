package dev.tgkit.benchmarks;

import dev.tgkit.client.Client;
import dev.tgkit.crypto.RsaPublicKey;
import dev.tgkit.session.MemoryStorage;
import dev.tgkit.test.TestDataCenter;
import dev.tgkit.test.EmbeddedTelegram;
import dev.tgkit.tl.api.JsonObject;
import dev.tgkit.tl.api.help.AppConfig;
import dev.tgkit.tl.api.help.AppConfigCtor;
import dev.tgkit.tl.api.help.GetAppConfig;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.internal.PlatformDependent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.management.ObjectName;
import org.jspecify.annotations.Nullable;

/**
 * End-to-end network figures of {@link Client} against the embedded Telegram on loopback: the
 * latency of one small request at a time, pipelined requests per second on one connection, and
 * the heap an idle connected client keeps. Not a JMH benchmark: the figures come from whole
 * clients over real TCP with real crypto, so they are reported with their spread over rounds.
 *
 * <pre>
 * java -cp benchmarks.jar dev.tgkit.benchmarks.NetworkBenchmark [options]
 * java -cp benchmarks.jar dev.tgkit.benchmarks.NetworkBenchmark --serve [--port P] --rsa-public-key FILE
 * </pre>
 *
 * <p>The server runs in a JVM of its own, launched with this JVM's java and class path (or given
 * with {@code --server}), so the measured heap is the clients' alone. It answers {@code
 * help.getAppConfig} with the request's hash, which every answer is checked against.
 */
public final class NetworkBenchmark {

  static final String USAGE = """
      usage: NetworkBenchmark [options]
        --rounds R          rounds of each measurement, reported as min / median / max (default 3)
        --calls N           sequential requests timed per latency round (default 10000)
        --warmup-calls N    sequential requests before the latency rounds (default 20000)
        --in-flight N       requests kept outstanding on the one pipelined connection (default 1000)
        --seconds S         length of each pipelined round (default 5)
        --warmup-seconds S  pipelined warm-up before those rounds (default 5)
        --clients N         idle connected clients for the heap figure (default 1000; 0 skips it)
        --idle-seconds S    how long they idle before the heap is read (default 5)
        --threads N         event loop threads all clients share (default: the cores)
        --histogram N       classes to list from the per-client heap histogram (default 15; 0 = none)
        --server HOST:PORT  use a running server (started with --serve) instead of launching one
        --rsa-public-key F  with --server: the PEM file that server wrote
        --help              this text
      NetworkBenchmark --serve [--port P] --rsa-public-key FILE
        runs the server alone: prints "DC 1 host:port", then READY, and serves until its
        standard input closes""";

  private static final String API_HASH = "0123456789abcdef0123456789abcdef";

  private NetworkBenchmark() {}

  /** Runs the benchmark, or the server with {@code --serve}. */
  public static void main(String[] args) throws Exception {
    // Before any logger exists: a thousand clients each log their connect at info.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    if (Arrays.asList(args).contains("--help")) {
      System.out.println(USAGE);
      return;
    }
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bad argument: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    if (options.serve) {
      serve(options);
    } else {
      new Run(options).run();
      // Netty's global executors and the shared group's threads would otherwise linger.
      System.exit(0);
    }
  }

  /** The server mode: one data center echoing help.getAppConfig, until stdin closes. */
  private static void serve(Options options) throws IOException {
    EmbeddedTelegram.Builder builder = EmbeddedTelegram.builder();
    if (options.port > 0) {
      builder.firstPort(options.port);
    }
    try (EmbeddedTelegram telegram = builder.start()) {
      telegram.services().register(GetAppConfig.class,
          (request, context) -> new AppConfigCtor(request.hash(), new JsonObject(List.of())));
      StringBuilder pem = new StringBuilder();
      telegram.publicKeys().forEach(k -> pem.append(k.toPem()));
      Files.writeString(options.keyFile, pem, StandardCharsets.US_ASCII);
      for (TestDataCenter dc : telegram.dataCenters()) {
        System.out.println("DC " + dc.id() + " " + dc.host() + ":" + dc.port());
      }
      System.out.println("READY");
      System.out.flush();
      // The launching benchmark holds the other end: its exit, even a crash, ends the server.
      while (System.in.read() != -1) {
        // Whatever is typed is ignored.
      }
    }
  }

  /** The parsed command line. */
  record Options(
      boolean serve, int rounds, int calls, int warmupCalls, int inFlight, int seconds,
      int warmupSeconds, int clients, int idleSeconds, int threads, int histogram,
      @Nullable String server, @Nullable Path keyFile, int port) {

    static Options parse(String[] args) {
      boolean serve = false;
      int rounds = 3;
      int calls = 10_000;
      int warmupCalls = 20_000;
      int inFlight = 1_000;
      int seconds = 5;
      int warmupSeconds = 5;
      int clients = 1_000;
      int idleSeconds = 5;
      int threads = Runtime.getRuntime().availableProcessors();
      int histogram = 15;
      String server = null;
      Path keyFile = null;
      int port = 0;
      for (int i = 0; i < args.length; i++) {
        String option = args[i];
        switch (option) {
          case "--serve" -> serve = true;
          case "--rounds" -> rounds = number(args, ++i, option, 1);
          case "--calls" -> calls = number(args, ++i, option, 1);
          case "--warmup-calls" -> warmupCalls = number(args, ++i, option, 0);
          case "--in-flight" -> inFlight = number(args, ++i, option, 1);
          case "--seconds" -> seconds = number(args, ++i, option, 1);
          case "--warmup-seconds" -> warmupSeconds = number(args, ++i, option, 0);
          case "--clients" -> clients = number(args, ++i, option, 0);
          case "--idle-seconds" -> idleSeconds = number(args, ++i, option, 0);
          case "--threads" -> threads = number(args, ++i, option, 1);
          case "--histogram" -> histogram = number(args, ++i, option, 0);
          case "--port" -> port = number(args, ++i, option, 1);
          case "--server" -> {
            server = value(args, ++i, option);
            if (!server.matches(".+:\\d{1,5}")) {
              throw new IllegalArgumentException("--server takes HOST:PORT, got " + server);
            }
          }
          case "--rsa-public-key" -> keyFile = Path.of(value(args, ++i, option));
          default -> throw new IllegalArgumentException("unknown argument " + option);
        }
      }
      if (serve && keyFile == null) {
        throw new IllegalArgumentException("--serve needs --rsa-public-key FILE to write its key to");
      }
      if ((server == null) != (keyFile == null) && !serve) {
        throw new IllegalArgumentException("--server and --rsa-public-key go together");
      }
      return new Options(serve, rounds, calls, warmupCalls, inFlight, seconds, warmupSeconds,
          clients, idleSeconds, threads, histogram, server, keyFile, port);
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }

    private static int number(String[] args, int i, String option, int min) {
      String v = value(args, i, option);
      try {
        int n = Integer.parseInt(v);
        if (n < min) {
          throw new IllegalArgumentException(option + " is at least " + min + ", got " + n);
        }
        return n;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + " takes a whole number, got " + v);
      }
    }
  }

  /** Where the server listens and the keys it signs with. */
  private record Server(String host, int port, List<RsaPublicKey> keys, @Nullable Process process) {}

  /** One benchmark run: the server, the shared event loop group, the three measurements. */
  private static final class Run {
    private final Options options;
    private EventLoopGroup group;
    private Server server;

    Run(Options options) {
      this.options = options;
    }

    void run() throws Exception {
      printMachine();
      server = options.server != null ? external() : launch();
      group = new MultiThreadIoEventLoopGroup(options.threads, NioIoHandler.newFactory());
      try {
        try (Client client = client()) {
          client.connect();
          latency(client);
          pipelined(client);
        }
        if (options.clients > 0) {
          idleHeap();
        }
      } finally {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        if (server.process != null) {
          // Closing its stdin ends it; destroy is for a server stuck elsewhere.
          server.process.getOutputStream().close();
          if (!server.process.waitFor(10, TimeUnit.SECONDS)) {
            server.process.destroyForcibly();
          }
        }
      }
    }

    private void printMachine() {
      Runtime rt = Runtime.getRuntime();
      System.out.println("== machine");
      System.out.printf(Locale.ROOT, "cpu:     %d cores available, %s%n", rt.availableProcessors(), cpuModel());
      System.out.printf(Locale.ROOT, "os:      %s %s (%s)%n", System.getProperty("os.name"),
          System.getProperty("os.version"), System.getProperty("os.arch"));
      System.out.printf(Locale.ROOT, "jvm:     %s %s, max heap %d MB, GC %s%n",
          System.getProperty("java.vm.name"), Runtime.version(), rt.maxMemory() >> 20,
          ManagementFactory.getGarbageCollectorMXBeans().stream()
              .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", ")));
      System.out.printf(Locale.ROOT,
          "setup:   loopback; server in another JVM on the same cores; %d client event loop threads;"
              + " %d rounds per figure%n", options.threads, options.rounds);
      System.out.println("noise:   figures are min / median / max over the rounds; the server competes with the"
          + " client for the same cores, so compare runs of one sitting, not machines");
    }

    private static String cpuModel() {
      try {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
            .filter(l -> l.startsWith("model name"))
            .map(l -> l.substring(l.indexOf(':') + 1).trim())
            .findFirst().orElse("model unknown");
      } catch (IOException | RuntimeException e) {
        return "model unknown";
      }
    }

    private Server external() throws IOException {
      String s = options.server;
      int colon = s.lastIndexOf(':');
      List<RsaPublicKey> keys = RsaPublicKey.parsePem(Files.readString(options.keyFile, StandardCharsets.US_ASCII));
      return new Server(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)), keys, null);
    }

    /** Starts {@code --serve} in a new JVM with this one's java and class path. */
    private Server launch() throws IOException, InterruptedException {
      Path keyFile = Files.createTempFile("tgkit-bench-server", ".pem");
      keyFile.toFile().deleteOnExit();
      String java = ProcessHandle.current().info().command().orElse(
          Path.of(System.getProperty("java.home"), "bin", "java").toString());
      Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          NetworkBenchmark.class.getName(), "--serve", "--rsa-public-key", keyFile.toString())
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String host = null;
      int port = 0;
      for (String line = out.readLine(); ; line = out.readLine()) {
        if (line == null) {
          throw new IllegalStateException("the server exited before READY (status "
              + process.waitFor() + "), see its output above");
        }
        Matcher m = Pattern.compile("DC 1 (.+):(\\d+)").matcher(line);
        if (m.matches()) {
          host = m.group(1);
          port = Integer.parseInt(m.group(2));
        } else if (line.equals("READY")) {
          break;
        }
      }
      if (host == null) {
        throw new IllegalStateException("the server printed READY without a DC 1 line");
      }
      List<RsaPublicKey> keys = RsaPublicKey.parsePem(Files.readString(keyFile, StandardCharsets.US_ASCII));
      System.out.printf(Locale.ROOT, "server:  pid %d at %s:%d%n", process.pid(), host, port);
      return new Server(host, port, keys, process);
    }

    private Client client() {
      return Client.builder()
          .apiId(12345)
          .apiHash(API_HASH)
          .storage(new MemoryStorage())
          .dataCenter(1, server.host, server.port)
          .publicKeys(server.keys)
          .eventLoops(dev.tgkit.net.EventLoops.shared(group))
          // A thousand auth-key exchanges queue up at the server.
          .connectTimeout(Duration.ofSeconds(60))
          .build();
    }

    /** One request at a time from one thread, each timed on its own. */
    private void latency(Client client) {
      System.out.printf(Locale.ROOT, "%n== 1. round trip, one request at a time (help.getAppConfig, %d timed per round after %d warm-up)%n",
          options.calls, options.warmupCalls);
      for (int i = 0; i < options.warmupCalls; i++) {
        echo(client, i);
      }
      List<double[]> rounds = new ArrayList<>();
      long[] nanos = new long[options.calls];
      for (int r = 0; r < options.rounds; r++) {
        for (int i = 0; i < nanos.length; i++) {
          long start = System.nanoTime();
          echo(client, i);
          nanos[i] = System.nanoTime() - start;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double[] stats = {
          micros(percentile(sorted, 0.50)), micros(percentile(sorted, 0.99)),
          micros(percentile(sorted, 0.999)), micros(Arrays.stream(sorted).average().orElseThrow()),
          micros(sorted[sorted.length - 1])
        };
        rounds.add(stats);
        System.out.printf(Locale.ROOT, "round %d: p50 %.1f us  p99 %.1f us  p99.9 %.1f us  mean %.1f us  max %.1f us  (n=%d)%n",
            r + 1, stats[0], stats[1], stats[2], stats[3], stats[4], sorted.length);
      }
      String[] names = {"p50", "p99", "p99.9", "mean", "max"};
      for (int s = 0; s < names.length; s++) {
        int k = s;
        System.out.printf(Locale.ROOT, "%-6s %s us%n", names[s] + ":", spread(rounds.stream().mapToDouble(a -> a[k]).toArray(), "%.1f"));
      }
    }

    private static void echo(Client client, int hash) {
      AppConfig answer = client.invoke(new GetAppConfig(hash));
      if (((AppConfigCtor) answer).hash() != hash) {
        throw new IllegalStateException("request " + hash + " got the answer of another: " + answer);
      }
    }

    private static long percentile(long[] sorted, double p) {
      // Nearest rank: the smallest sample with at least p of all at or below it.
      int rank = (int) Math.ceil(p * sorted.length);
      return sorted[Math.max(0, rank - 1)];
    }

    private static double micros(double nanos) {
      return nanos / 1_000.0;
    }

    /** Many requests in flight on the one connection, a new one sent as each answer arrives. */
    private void pipelined(Client client) throws InterruptedException {
      System.out.printf(Locale.ROOT, "%n== 2. pipelined on one connection (%d in flight, %d s rounds after %d s warm-up)%n",
          options.inFlight, options.seconds, options.warmupSeconds);
      if (options.warmupSeconds > 0) {
        pipelinedRound(client, options.warmupSeconds);
      }
      double[] rates = new double[options.rounds];
      for (int r = 0; r < options.rounds; r++) {
        rates[r] = pipelinedRound(client, options.seconds);
        System.out.printf(Locale.ROOT, "round %d: %,.0f requests/s%n", r + 1, rates[r]);
      }
      System.out.printf(Locale.ROOT, "rate:  %s requests/s%n", spread(rates, "%,.0f"));
    }

    private double pipelinedRound(Client client, int seconds) throws InterruptedException {
      Semaphore slots = new Semaphore(options.inFlight);
      AtomicLong answered = new AtomicLong();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      long start = System.nanoTime();
      long end = start + TimeUnit.SECONDS.toNanos(seconds);
      int hash = 0;
      while (System.nanoTime() < end && failure.get() == null) {
        slots.acquire();
        int expected = hash++;
        client.invokeAsync(new GetAppConfig(expected)).whenComplete((answer, error) -> {
          if (error != null) {
            failure.compareAndSet(null, error);
          } else if (((AppConfigCtor) answer).hash() != expected) {
            failure.compareAndSet(null, new IllegalStateException("request " + expected + " got the answer of another"));
          } else {
            answered.incrementAndGet();
          }
          slots.release();
        });
      }
      long counted = answered.get();
      long elapsed = System.nanoTime() - start;
      // Let the round's stragglers land before the next round starts.
      if (!slots.tryAcquire(options.inFlight, 60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("requests still unanswered 60 s after the round");
      }
      if (failure.get() != null) {
        throw new IllegalStateException("a pipelined request failed", failure.get());
      }
      return counted / (elapsed / 1e9);
    }

    /** Heap used with no client, then with many idle ones connected, read after full GCs. */
    private void idleHeap() throws Exception {
      int n = options.clients;
      System.out.printf(Locale.ROOT, "%n== 3. heap per idle connected client (%d clients, one event loop group of %d threads, each its own MemoryStorage)%n",
          n, options.threads);
      long baseline = settledHeap();
      long baselineDirect = directMemory();
      Map<String, long[]> before = options.histogram > 0 ? histogram() : Map.of();
      System.out.printf(Locale.ROOT, "baseline, 0 clients: heap %.1f MB used after GC, direct %.1f MB%n",
          baseline / 1048576.0, baselineDirect / 1048576.0);

      List<Client> clients = new ArrayList<>(n);
      long connectStart = System.nanoTime();
      // The server makes an auth key per client; a bounded number of connects keeps each well
      // inside its timeout while the exchanges queue there.
      Semaphore connecting = new Semaphore(64);
      List<CompletableFuture<Void>> connects = new ArrayList<>(n);
      try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < n; i++) {
          Client c = client();
          clients.add(c);
          connects.add(CompletableFuture.runAsync(() -> {
            connecting.acquireUninterruptibly();
            try {
              c.connect();
            } finally {
              connecting.release();
            }
          }, threads));
        }
        CompletableFuture.allOf(connects.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
      }
      double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
      System.out.printf(Locale.ROOT, "connected %d clients in %.1f s (%.0f connects/s, each a new auth key)%n",
          n, connectSeconds, n / connectSeconds);
      Thread.sleep(TimeUnit.SECONDS.toMillis(options.idleSeconds));

      double[] perClient = new double[options.rounds];
      double[] directPerClient = new double[options.rounds];
      for (int r = 0; r < options.rounds; r++) {
        long used = settledHeap();
        long direct = directMemory();
        perClient[r] = (used - baseline) / 1024.0 / n;
        directPerClient[r] = (direct - baselineDirect) / 1024.0 / n;
        System.out.printf(Locale.ROOT, "round %d: heap %.1f MB used after GC -> %.1f KB per client; direct %.1f MB%n",
            r + 1, used / 1048576.0, perClient[r], direct / 1048576.0);
      }
      long connected = clients.stream().filter(Client::isConnected).count();
      System.out.printf(Locale.ROOT, "heap per idle client:   %s KB  (%d of %d still connected)%n",
          spread(perClient, "%.1f"), connected, n);
      System.out.printf(Locale.ROOT, "direct per idle client: %s KB  (Netty pools grow in chunks: a coarse figure)%n",
          spread(directPerClient, "%.1f"));
      if (options.histogram > 0) {
        printHistogramGrowth(before, histogram(), n);
      }
      clients.forEach(Client::close);
      // Dropped too, so what stays over the baseline is what closing leaves behind.
      clients.clear();
      connects.clear();
      Thread.sleep(500);
      System.out.printf(Locale.ROOT, "after closing them all: heap %.1f MB used after GC%n", settledHeap() / 1048576.0);
    }

    /** Used heap after several full collections, so garbage and soft leftovers are gone. */
    private static long settledHeap() throws InterruptedException {
      long used = Long.MAX_VALUE;
      for (int i = 0; i < 5; i++) {
        System.gc();
        Thread.sleep(100);
        used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
      }
      return used;
    }

    private static long directMemory() {
      long nio = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
          .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
      // Netty counts the direct memory it allocates without a Cleaner itself (-1 when it does not).
      return nio + Math.max(0, PlatformDependent.usedDirectMemory());
    }

    /** Instances and bytes per class, from a histogram of live objects (it runs a full GC). */
    private static Map<String, long[]> histogram() throws Exception {
      String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
          new Object[] {new String[0]}, new String[] {String[].class.getName()});
      Map<String, long[]> classes = new HashMap<>();
      Matcher m = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)").matcher(text);
      while (m.find()) {
        classes.merge(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))},
            (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
      }
      return classes;
    }

    private void printHistogramGrowth(Map<String, long[]> before, Map<String, long[]> after, int n) {
      System.out.printf(Locale.ROOT, "what the clients hold, largest first (growth over the baseline, per client):%n");
      System.out.printf(Locale.ROOT, "  %10s %10s  %s%n", "bytes", "instances", "class");
      long total = 0;
      List<Map.Entry<String, long[]>> grown = new ArrayList<>();
      for (Map.Entry<String, long[]> e : after.entrySet()) {
        long[] b = before.getOrDefault(e.getKey(), new long[2]);
        long[] growth = {e.getValue()[0] - b[0], e.getValue()[1] - b[1]};
        total += growth[1];
        grown.add(Map.entry(e.getKey(), growth));
      }
      grown.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed());
      for (Map.Entry<String, long[]> e : grown.subList(0, Math.min(options.histogram, grown.size()))) {
        System.out.printf(Locale.ROOT, "  %10.0f %10.1f  %s%n",
            e.getValue()[1] / (double) n, e.getValue()[0] / (double) n, e.getKey());
      }
      System.out.printf(Locale.ROOT, "  %10.0f %10s  all classes%n", total / (double) n, "");
    }

    /** "min / median / max" of the rounds. */
    private static String spread(double[] values, String format) {
      double[] s = values.clone();
      Arrays.sort(s);
      double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
      return String.format(Locale.ROOT, format + " / " + format + " / " + format + "  (min / median / max of %d)",
          s[0], median, s[s.length - 1], s.length);
    }
  }
}
