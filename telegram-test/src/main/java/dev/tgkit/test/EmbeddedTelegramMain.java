package dev.tgkit.test;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * Runs the {@link EmbeddedTelegram} as a standalone server, for manual testing with any MTProto
 * client:
 *
 * <pre>
 * EmbeddedTelegramMain [--dcs N] [--port P] [--rsa-public-key FILE]
 * </pre>
 *
 * {@code --dcs} data centers (default 1) listen on 127.0.0.1 from port {@code --port} on (0, the
 * default, picks ephemeral ports); {@code --rsa-public-key} writes every data center's RSA public
 * key as PKCS#1 PEM, which the client must trust for the <a
 * href="https://core.telegram.org/mtproto/auth_key">auth-key exchange</a>. It prints {@code DC <id>
 * <host>:<port>} per data center, then {@code READY}, and serves until stopped (SIGTERM or Ctrl-C
 * close it cleanly). Bad arguments print the usage and exit with status 2.
 */
public final class EmbeddedTelegramMain {

  static final String USAGE =
      "usage: EmbeddedTelegramMain [--dcs N (1..5)] [--port P (0 = ephemeral)] [--rsa-public-key"
          + " FILE]";

  private EmbeddedTelegramMain() {}

  /** Starts the server and blocks until the JVM is asked to stop. */
  public static void main(String[] args) throws InterruptedException {
    EmbeddedTelegram telegram = launch(args, System.out, System.err);
    if (telegram == null) {
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  telegram.close();
                  stopped.countDown();
                },
                "embedded-telegram-shutdown"));
    stopped.await();
  }

  /**
   * Parses {@code args}, starts the server and prints its data centers and {@code READY} to {@code
   * out}.
   *
   * @return the running server, or null when the arguments were bad (the usage went to {@code err})
   */
  static @Nullable EmbeddedTelegram launch(String[] args, PrintStream out, PrintStream err) {
    EmbeddedTelegram.Builder builder = EmbeddedTelegram.builder();
    Path keyFile = null;
    try {
      for (int i = 0; i < args.length; i++) {
        String option = args[i];
        switch (option) {
          case "--dcs" -> {
            int n = number(option, value(args, ++i, option));
            applied(option, () -> builder.dataCenters(n));
          }
          case "--port" -> {
            int p = number(option, value(args, ++i, option));
            applied(option, () -> builder.firstPort(p));
          }
          case "--rsa-public-key" -> keyFile = Path.of(value(args, ++i, option));
          default -> throw new IllegalArgumentException("unknown argument " + option);
        }
      }
    } catch (IllegalArgumentException e) {
      err.println("bad argument: " + e.getMessage());
      err.println(USAGE);
      return null;
    }
    EmbeddedTelegram telegram = builder.start();
    if (keyFile != null) {
      StringBuilder pem = new StringBuilder();
      telegram.publicKeys().forEach(k -> pem.append(k.toPem()));
      try {
        Files.writeString(keyFile, pem, StandardCharsets.US_ASCII);
      } catch (IOException e) {
        telegram.close();
        err.println("bad argument: --rsa-public-key " + keyFile + " cannot be written: " + e);
        err.println(USAGE);
        return null;
      }
    }
    for (DataCenter dc : telegram.dataCenters()) {
      out.println("DC " + dc.id() + " " + dc.host() + ":" + dc.port());
    }
    out.println("READY");
    out.flush();
    return telegram;
  }

  private static void applied(String option, Runnable setting) {
    try {
      setting.run();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
    }
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static int number(String option, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " " + value + " is not a number");
    }
  }
}
