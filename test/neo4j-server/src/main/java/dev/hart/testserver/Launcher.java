package dev.hart.testserver;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * A real Neo4j Community 5.26 with a Bolt connector on 127.0.0.1, for the integration suite, the
 * benchmark and manual use. Auth is on (so wrong-password errors are real) and the password is set
 * through the system database, as `neo4j-admin dbms set-initial-password` would.
 *
 * Arguments: --port P (0 = a free port), --password X (or env HART_TEST_NEO4J_PASSWORD), --data DIR
 * (default: a temporary folder removed on exit), --pagecache SIZE (default 256m), --setting name=value
 * (repeatable: extra neo4j.conf lines).
 * When ready it prints one line to stdout:
 *   NEO4J_READY {"url":"bolt://127.0.0.1:P","user":"neo4j","password":"…"}
 * It stops on SIGTERM/SIGINT or when stdin closes (so a parent that dies takes it along).
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    int port = Integer.parseInt(options.getOrDefault("port", "0"));
    if (port == 0) port = freePort();
    String password = options.getOrDefault("password", System.getenv().getOrDefault("HART_TEST_NEO4J_PASSWORD", "hart-test-password"));
    if (password.length() < 8 || password.contains("/") || password.equals("neo4j")) {
      System.err.println("The password must have 8+ characters, no '/', and not be 'neo4j'.");
      System.exit(2);
    }
    boolean temporary = !options.containsKey("data");
    Path home = temporary ? Files.createTempDirectory("hart-neo4j-") : Paths.get(options.get("data")).toAbsolutePath();
    Files.createDirectories(home);

    Map<String, String> settings = new HashMap<>();
    settings.put("server.bolt.enabled", "true");
    settings.put("server.bolt.listen_address", "127.0.0.1:" + port);
    settings.put("server.bolt.advertised_address", "127.0.0.1:" + port);
    settings.put("server.bolt.tls_level", "DISABLED");
    settings.put("dbms.security.auth_enabled", "true");
    settings.put("server.memory.pagecache.size", options.getOrDefault("pagecache", "256m"));
    // Two shared cores: keep background work small.
    settings.put("server.bolt.thread_pool_max_size", "32");
    settings.put("db.tx_log.rotation.retention_policy", "1 files");
    settings.put("dbms.usage_report.enabled", "false");

    for (String extra : extraSettings) {
      int eq = extra.indexOf('=');
      if (eq <= 0) throw new IllegalArgumentException("--setting needs name=value, got " + extra);
      settings.put(extra.substring(0, eq), extra.substring(eq + 1));
    }
    // A plain neo4j.conf: the same strict validation as a real server (a misspelled setting stops it).
    Path conf = home.resolve("neo4j.conf");
    StringBuilder text = new StringBuilder();
    settings.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    Files.writeString(conf, text.toString());
    DatabaseManagementService service;
    try {
      service = new DatabaseManagementServiceBuilder(home).loadPropertiesFromFile(conf).build();
    } catch (RuntimeException e) {
      // E.g. strict config validation: print what Neo4j says (the caller reads it) and clean up.
      System.err.println(e);
      if (temporary) deleteTree(home);
      System.exit(1);
      return;
    }
    final Path homeDir = home;
    Runnable stop = () -> {
      try {
        service.shutdown();
      } catch (RuntimeException e) {
        System.err.println("Neo4j shutdown: " + e.getMessage());
      }
      if (temporary) deleteTree(homeDir);
    };
    Thread hook = new Thread(stop, "neo4j-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);

    service.database("system").executeTransactionally(
        "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));

    String url = "bolt://127.0.0.1:" + port;
    System.out.println("NEO4J_READY {\"url\":\"" + url + "\",\"user\":\"neo4j\",\"password\":\"" + escape(password) + "\"}");
    System.out.flush();

    // Block until stdin closes; a daemon-less JVM would otherwise keep running after its parent dies.
    InputStream in = System.in;
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) >= 0) {
        // ignore input
      }
    } catch (IOException ignored) {
      // stdin gone: stop
    }
    if (temporary) {
      // Throw-away data: a graceful shutdown (checkpoints, Bolt drain) would only cost seconds.
      deleteTree(homeDir);
      Runtime.getRuntime().halt(0);
    }
    System.exit(0);
  }

  private static final java.util.List<String> extraSettings = new java.util.ArrayList<>();

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) throw new IllegalArgumentException("Unexpected argument " + arg);
      String name = arg.substring(2);
      int eq = name.indexOf('=');
      if (eq >= 0) {
        options.put(name.substring(0, eq), name.substring(eq + 1));
      } else if (name.equals("setting") && i + 1 < args.length) {
        extraSettings.add(args[++i]);
      } else if (i + 1 < args.length) {
        options.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
    }
    return options;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort: a temporary folder
    }
  }
}
