package dev.tgkit.test;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs the {@link EmbeddedTelegram} as a standalone server, for manual testing with any MTProto
 * client:
 *
 * <pre>
 * EmbeddedTelegramMain [--dcs N] [--port P] [--rsa-public-key FILE] [--user PHONE]... [--bot TOKEN[:USERNAME]]...
 * </pre>
 *
 * {@code --dcs} data centers (default 1) listen on 127.0.0.1 from port {@code --port} on (0, the
 * default, picks ephemeral ports); {@code --rsa-public-key} writes every data center's RSA public
 * key as PKCS#1 PEM, which the client must trust for the <a
 * href="https://core.telegram.org/mtproto/auth_key">auth-key exchange</a>. Each {@code --user}
 * creates a user who signs in with that phone number on DC 1 ({@code 99966XYYYY} numbers get code X
 * repeated five times; for others each code sent is printed as {@code CODE <phone> <code>}); each
 * {@code --bot} creates a bot with that token ({@code <id>:<secret>}), named {@code USERNAME} or
 * {@code test<id>_bot}. It prints {@code DC <id> <host>:<port>} per data center, {@code USER
 * <phone> <id>} and {@code BOT <username> <id>} per account, then {@code READY}, and serves until
 * stopped (SIGTERM or Ctrl-C close it cleanly). Bad arguments print the usage and exit with status
 * 2.
 */
public final class EmbeddedTelegramMain {

  static final String USAGE =
      "usage: EmbeddedTelegramMain [--dcs N (1..5)] [--port P (0 = ephemeral)] [--rsa-public-key"
          + " FILE] [--user PHONE]... [--bot ID:SECRET[:USERNAME]]...";

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
    List<String> users = new ArrayList<>();
    List<String> bots = new ArrayList<>();
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
          case "--user" -> users.add(value(args, ++i, option));
          case "--bot" -> bots.add(value(args, ++i, option));
          default -> throw new IllegalArgumentException("unknown argument " + option);
        }
      }
    } catch (IllegalArgumentException e) {
      err.println("bad argument: " + e.getMessage());
      err.println(USAGE);
      return null;
    }
    EmbeddedTelegram telegram = builder.start();
    List<String> accounts = new ArrayList<>();
    try {
      for (String phone : users) {
        TestUser u = created("--user", () -> telegram.createUser(phone, "User " + phone.substring(Math.max(0, phone.length() - 4))));
        accounts.add("USER " + u.phone() + " " + u.id());
      }
      for (String bot : bots) {
        TestUser b = created("--bot", () -> bot(telegram, bot));
        accounts.add("BOT " + b.username() + " " + b.id());
      }
    } catch (IllegalArgumentException e) {
      telegram.close();
      err.println("bad argument: " + e.getMessage());
      err.println(USAGE);
      return null;
    }
    telegram.auth().onCode((phone, code) -> {
      if (!phone.startsWith("99966")) {
        out.println("CODE " + phone + " " + code);
        out.flush();
      }
    });
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
    for (TestDataCenter dc : telegram.dataCenters()) {
      out.println("DC " + dc.id() + " " + dc.host() + ":" + dc.port());
    }
    accounts.forEach(out::println);
    out.println("READY");
    out.flush();
    return telegram;
  }

  private static void applied(String option, Runnable setting) {
    created(option, () -> {
      setting.run();
      return null;
    });
  }

  private static <T> T created(String option, Supplier<T> creation) {
    try {
      return creation.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
    }
  }

  /** A bot from {@code ID:SECRET[:USERNAME]}; without a username, {@code test<ID>_bot}. */
  private static TestUser bot(EmbeddedTelegram telegram, String spec) {
    String[] parts = spec.split(":", 3);
    if (parts.length < 2) {
      throw new IllegalArgumentException("a bot is ID:SECRET[:USERNAME], as BotFather's token with an optional name");
    }
    String token = parts[0] + ":" + parts[1];
    return telegram.createBot(token, parts.length == 3 ? parts[2] : "test" + parts[0] + "_bot");
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
