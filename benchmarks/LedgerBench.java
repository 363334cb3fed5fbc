import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load driver for the blocklist ledger: talks to a running {@code serve} over HTTP, JDK only.
 *
 * <pre>
 * java benchmarks/LedgerBench.java preload   --url U --police T --prosecutor T --entries N --per-requisition K [--seed S]
 * java benchmarks/LedgerBench.java approvals --url U --police T --prosecutor T --count C [--warmup W] [--rounds R] [--seed S] [--label L]
 * </pre>
 *
 * <p>{@code preload} submits and approves N/K block requisitions of K synthetic names each, so the
 * list grows by N entries in N/K versions. {@code approvals} runs W untimed warm-up rounds and then
 * R rounds of C timed iterations of: submit a one-domain block requisition (not timed), approve it
 * (timed, client side, from sending the request to the full response). Percentiles are
 * nearest-rank over the C samples of a round (p99 of 200 samples is the third slowest); with
 * several rounds the last table row is the median of each column over the rounds.
 *
 * <p>Names are {@code <word><n>.<tld>} (preload) and {@code <word>-q<seed>x<n>.<tld>} (approvals),
 * drawn deterministically from the seed, all valid host names under the reserved {@code example},
 * {@code test} and {@code invalid} TLDs or the {@code example.com/net/org} names (never a public
 * suffix), and checked against the protected list ({@code --protected}, default {@code
 * config/protected-domains.txt} when present).
 */
public final class LedgerBench {
  private static final String[] WORDS = {
    "amber", "atlas", "birch", "blaze", "cedar", "cobalt", "comet", "coral", "crimson", "delta",
    "dune", "ember", "falcon", "fern", "flint", "frost", "garnet", "glade", "granite", "harbor",
    "hazel", "indigo", "iris", "ivory", "jade", "juniper", "kestrel", "lagoon", "lark", "linden",
    "lotus", "maple", "marble", "meadow", "mistral", "nectar", "nimbus", "oak", "onyx", "orchid",
    "pebble", "pine", "quartz", "quill", "raven", "reed", "ridge", "saffron", "sage", "sierra",
    "slate", "sparrow", "spruce", "summit", "tango", "thistle", "tidal", "topaz", "umber",
    "velvet", "willow", "wren", "yarrow", "zephyr", "photo", "video", "gallery", "share", "cloud",
    "stream", "host", "files", "pics", "forum", "board", "cdn", "mirror", "archive", "vault"
  };
  private static final String[] TLDS = {
    "example", "test", "invalid", "example.com", "example.net", "example.org"
  };
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
  private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final String url;
  private final String police;
  private final String prosecutor;
  private final Set<String> protectedNames;
  private final Set<String> protectedAncestors;
  private final boolean socketClient;
  private final String host;
  private final int port;
  private final String authority;
  private final boolean keepAlive = Boolean.getBoolean("bench.keepAlive");
  private java.net.Socket socket;
  private java.io.InputStream in;

  private LedgerBench(
      String url,
      String police,
      String prosecutor,
      List<String> protectedList,
      boolean socketClient) {
    this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    URI uri = URI.create(this.url);
    this.host = uri.getHost();
    this.port = uri.getPort() < 0 ? 80 : uri.getPort();
    this.authority = uri.getAuthority();
    this.socketClient = socketClient;
    this.police = police;
    this.prosecutor = prosecutor;
    this.protectedNames = new HashSet<>(protectedList);
    this.protectedAncestors = new HashSet<>();
    for (String p : protectedList) {
      for (String a = parent(p); a != null; a = parent(a)) {
        protectedAncestors.add(a);
      }
    }
  }

  public static void main(String[] argv) throws Exception {
    if (argv.length == 0) {
      usage("missing mode");
    }
    String mode = argv[0];
    Map<String, String> a = options(Arrays.copyOfRange(argv, 1, argv.length));
    String protectedFile = a.getOrDefault("--protected", "config/protected-domains.txt");
    LedgerBench bench =
        new LedgerBench(
            required(a, "--url"),
            required(a, "--police"),
            required(a, "--prosecutor"),
            readProtected(Path.of(protectedFile), a.containsKey("--protected")),
            !a.getOrDefault("--client", "socket").equals("httpclient"));
    long seed = Long.parseLong(a.getOrDefault("--seed", "20261122"));
    switch (mode) {
      case "preload" -> bench.preload(
          Integer.parseInt(required(a, "--entries")),
          Integer.parseInt(required(a, "--per-requisition")),
          seed);
      case "approvals" -> bench.approvals(
          Integer.parseInt(required(a, "--count")),
          Integer.parseInt(a.getOrDefault("--warmup", "20")),
          Integer.parseInt(a.getOrDefault("--rounds", "1")),
          seed,
          a.getOrDefault("--label", "approvals"));
      default -> usage("unknown mode: " + mode + " (expected: preload or approvals)");
    }
  }

  // ---------------------------------------------------------------- preload

  private void preload(int entries, int perRequisition, long seed) throws Exception {
    if (entries < 1 || perRequisition < 1 || entries % perRequisition != 0) {
      usage(
          "--entries "
              + entries
              + " --per-requisition "
              + perRequisition
              + " (expected: entries a positive multiple of per-requisition)");
    }
    int requisitions = entries / perRequisition;
    Random random = new Random(seed);
    long start = System.nanoTime();
    long[] approveNanos = new long[requisitions];
    long[] submitNanos = new long[requisitions];
    int nextReport = 1;
    long version = -1;
    System.out.printf(
        Locale.ROOT,
        "preload: %,d entries in %,d requisitions of %,d (seed %d) to %s%n",
        entries,
        requisitions,
        perRequisition,
        seed,
        url);
    for (int r = 0; r < requisitions; r++) {
      List<String> domains = new ArrayList<>(perRequisition);
      for (int k = 0; k < perRequisition; k++) {
        long n = (long) r * perRequisition + k;
        domains.add(name(random, Long.toString(n)));
      }
      long t0 = System.nanoTime();
      long id = submit(domains, "BENCH-PRELOAD-" + (r + 1));
      long t1 = System.nanoTime();
      version = approve(id);
      long t2 = System.nanoTime();
      submitNanos[r] = t1 - t0;
      approveNanos[r] = t2 - t1;
      if ((long) (r + 1) * 10 >= (long) nextReport * requisitions) {
        int from = (int) ((long) (nextReport - 1) * requisitions / 10);
        long[] slice = Arrays.copyOfRange(approveNanos, from, r + 1);
        long[] subSlice = Arrays.copyOfRange(submitNanos, from, r + 1);
        Arrays.sort(slice);
        Arrays.sort(subSlice);
        System.out.printf(
            Locale.ROOT,
            "preload: %3d%%  %,9d entries  version %,6d  elapsed %7.1f s  "
                + "(this step: submit p50 %.1f ms, approve p50 %.1f ms, approve max %.1f ms)%n",
            (r + 1) * 100L / requisitions,
            (long) (r + 1) * perRequisition,
            version,
            (System.nanoTime() - start) / 1e9,
            ms(percentile(subSlice, 50)),
            ms(percentile(slice, 50)),
            ms(slice[slice.length - 1]));
        while ((long) (r + 1) * 10 >= (long) nextReport * requisitions) {
          nextReport++;
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "preload: done, %,d entries, version %d, in %.1f s%n",
        entries,
        version,
        (System.nanoTime() - start) / 1e9);
  }

  // ---------------------------------------------------------------- approvals

  private void approvals(int count, int warmup, int rounds, long seed, String label)
      throws Exception {
    if (count < 1 || warmup < 0 || rounds < 1) {
      usage(
          "--count "
              + count
              + " --warmup "
              + warmup
              + " --rounds "
              + rounds
              + " (expected: count >= 1, warmup >= 0, rounds >= 1)");
    }
    Random random = new Random(seed ^ 0x5DEECE66DL);
    int serial = 0;
    for (int i = 0; i < warmup; i++) {
      long id = submit(List.of(name(random, "-q" + seed + "x" + serial++)), "BENCH-1");
      approve(id);
    }
    StringBuilder table = new StringBuilder();
    table.append(
        "| scenario | round | approvals | version after | p50 ms | p90 ms | p99 ms | max ms |"
            + " mean ms |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    double[][] stats = new double[rounds][];
    for (int round = 1; round <= rounds; round++) {
      long[] samples = new long[count];
      long version = -1;
      for (int i = 0; i < count; i++) {
        long id = submit(List.of(name(random, "-q" + seed + "x" + serial++)), "BENCH-1");
        long t0 = System.nanoTime();
        version = approve(id);
        samples[i] = System.nanoTime() - t0;
      }
      long[] sorted = samples.clone();
      Arrays.sort(sorted);
      double[] s = {
        ms(percentile(sorted, 50)),
        ms(percentile(sorted, 90)),
        ms(percentile(sorted, 99)),
        ms(sorted[sorted.length - 1]),
        Arrays.stream(samples).average().orElse(0) / 1e6
      };
      stats[round - 1] = s;
      table.append(row(label, Integer.toString(round), count, Long.toString(version), s));
      System.out.println(
          "samples_ms "
              + label
              + " round "
              + round
              + ": "
              + String.join(
                  ",",
                  Arrays.stream(samples)
                      .mapToObj(x -> String.format(Locale.ROOT, "%.2f", ms(x)))
                      .toList()));
    }
    if (rounds > 1) {
      double[] median = new double[5];
      for (int k = 0; k < 5; k++) {
        double[] column = new double[rounds];
        for (int r = 0; r < rounds; r++) {
          column[r] = stats[r][k];
        }
        Arrays.sort(column);
        median[k] =
            rounds % 2 == 1
                ? column[rounds / 2]
                : (column[rounds / 2 - 1] + column[rounds / 2]) / 2;
      }
      table.append(row(label, "**median**", count, "", median));
    }
    System.out.printf(
        Locale.ROOT, "%nwarm-up: %d approvals, not counted%n%n%s%n", warmup, table);
  }

  private static String row(String label, String round, int count, String version, double[] s) {
    return String.format(
        Locale.ROOT,
        "| %s | %s | %d | %s | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
        label,
        round,
        count,
        version,
        s[0],
        s[1],
        s[2],
        s[3],
        s[4]);
  }

  // ---------------------------------------------------------------- HTTP

  private long submit(List<String> domains, String caseReference) throws Exception {
    StringBuilder body = new StringBuilder(domains.size() * 24 + 128);
    body.append("{\"action\":\"block\",\"domains\":[");
    for (int i = 0; i < domains.size(); i++) {
      if (i > 0) {
        body.append(',');
      }
      body.append('"').append(domains.get(i)).append('"');
    }
    body.append("],\"legalBasis\":\"ccp-39bis\",\"caseReference\":\"")
        .append(caseReference)
        .append("\"}");
    String response = post("/v1/requisitions", police, body.toString(), 201);
    return number(ID, response, "id");
  }

  private long approve(long id) throws Exception {
    String response =
        post(
            "/v1/requisitions/" + id + "/approve",
            prosecutor,
            "{\"note\":\"approved by LedgerBench\"}",
            200);
    return number(VERSION, response, "version");
  }

  private String post(String path, String token, String body, int expected) throws Exception {
    if (socketClient) {
      return socketPost(path, token, body, expected);
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + path))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response =
        http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() != expected) {
      String text = response.body();
      throw new IOException(
          "POST "
              + path
              + ": HTTP "
              + response.statusCode()
              + " (expected: "
              + expected
              + "): "
              + (text.length() > 2000 ? text.substring(0, 2000) + "..." : text));
    }
    return response.body();
  }

  /**
   * POST over one kept-alive socket, the whole request in a single write. The default client:
   * {@code java.net.http.HttpClient} writes the head and the body separately, and the server (as of
   * Netty 4.2.18, FlowControlHandler with auto-read off) never answers a request that takes more
   * than one socket read; see benchmarks/README.md.
   */
  private String socketPost(String path, String token, String body, int expected)
      throws IOException {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: "
            + authority
            + "\r\nAuthorization: Bearer "
            + token
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + content.length
            + "\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    byte[] request = Arrays.copyOf(headBytes, headBytes.length + content.length);
    System.arraycopy(content, 0, request, headBytes.length, content.length);
    if (socket == null || socket.isClosed()) {
      socket = new java.net.Socket();
      socket.setTcpNoDelay(true);
      socket.connect(new java.net.InetSocketAddress(host, port), 10_000);
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      in = new java.io.BufferedInputStream(socket.getInputStream(), 65536);
    }
    socket.getOutputStream().write(request);
    socket.getOutputStream().flush();
    String status = line(in);
    int length = -1;
    boolean close = false;
    for (String h = line(in); !h.isEmpty(); h = line(in)) {
      int colon = h.indexOf(':');
      String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = h.substring(colon + 1).trim();
      if (name.equals("content-length")) {
        length = Integer.parseInt(value);
      } else if (name.equals("connection") && value.equalsIgnoreCase("close")) {
        close = true;
      }
    }
    if (length < 0) {
      throw new IOException("POST " + path + ": no content-length in response " + status);
    }
    String text = new String(in.readNBytes(length), StandardCharsets.UTF_8);
    if (close || !keepAlive) {
      socket.close();
    }
    int code = Integer.parseInt(status.split(" ")[1]);
    if (code != expected) {
      throw new IOException(
          "POST "
              + path
              + ": HTTP "
              + code
              + " (expected: "
              + expected
              + "): "
              + (text.length() > 2000 ? text.substring(0, 2000) + "..." : text));
    }
    return text;
  }

  private static String line(java.io.InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed by the server before a full response");
      }
      if (c != '\r') {
        b.append((char) c);
      }
    }
    return b.toString();
  }

  private static long number(Pattern p, String json, String what) throws IOException {
    Matcher m = p.matcher(json);
    if (!m.find()) {
      throw new IOException("no " + what + " in response: " + json);
    }
    return Long.parseLong(m.group(1));
  }

  // ---------------------------------------------------------------- names

  /** {@code <word><suffix>.<tld>}, checked to be a valid host name and not protected. */
  private String name(Random random, String suffix) {
    String word = WORDS[random.nextInt(WORDS.length)];
    String tld = TLDS[random.nextInt(TLDS.length)];
    String name = word + suffix + "." + tld;
    for (String label : name.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        throw new IllegalStateException("generated an invalid host name: " + name);
      }
    }
    if (name.length() > 253) {
      throw new IllegalStateException("generated a name over 253 octets: " + name);
    }
    if (protectedAncestors.contains(name)) {
      throw new IllegalStateException("generated a name above a protected one: " + name);
    }
    for (String a = name; a != null; a = parent(a)) {
      if (protectedNames.contains(a)) {
        throw new IllegalStateException("generated a protected name: " + name);
      }
    }
    return name;
  }

  private static String parent(String name) {
    int dot = name.indexOf('.');
    return dot < 0 ? null : name.substring(dot + 1);
  }

  private static List<String> readProtected(Path file, boolean required) throws IOException {
    if (!Files.exists(file)) {
      if (required) {
        throw new IOException("protected list not found: " + file);
      }
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int hash = line.indexOf('#');
      String name = (hash < 0 ? line : line.substring(0, hash)).trim().toLowerCase(Locale.ROOT);
      if (name.endsWith(".")) {
        name = name.substring(0, name.length() - 1);
      }
      if (!name.isEmpty()) {
        out.add(name);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- helpers

  /** Nearest-rank percentile of a sorted array. */
  private static long percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        usage("bad argument: " + args[i]);
      }
      out.put(args[i], args[++i]);
    }
    return out;
  }

  private static String required(Map<String, String> a, String key) {
    String v = a.get(key);
    if (v == null) {
      usage("missing " + key);
    }
    return v;
  }

  private static void usage(String problem) {
    System.err.println("LedgerBench: " + problem);
    System.err.println(
        "usage: java benchmarks/LedgerBench.java preload --url U --police T --prosecutor T"
            + " --entries N --per-requisition K [--seed S] [--protected FILE] [--client socket|httpclient]");
    System.err.println(
        "       java benchmarks/LedgerBench.java approvals --url U --police T --prosecutor T"
            + " --count C [--warmup W] [--rounds R] [--seed S] [--label L] [--protected FILE] [--client socket|httpclient]");
    System.exit(2);
  }
}
