package dev.tgkit.mtproto.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Reads the {@code name [note] = value  (comment)} lines of a vector file under {@code
 * src/test/resources/vectors/}; the name is looked up without its bracketed or parenthesized
 * notes, so {@code "p_q_inner_data [derived] = …"} is {@code hex("p_q_inner_data")}.
 */
final class AuthVectors {

  private final String file;
  private final Map<String, String> values = new HashMap<>();

  private AuthVectors(String file, String text) {
    this.file = file;
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (line.startsWith("#") || eq < 0) {
        continue;
      }
      String name = line.substring(0, eq).replaceAll("\\[[^]]*]|\\([^)]*\\)", "").trim();
      String[] rest = line.substring(eq + 1).trim().split("\\s+");
      if (!name.isEmpty() && !name.contains(":") && rest.length > 0) {
        values.putIfAbsent(name, rest[0]);
      }
    }
  }

  static AuthVectors load(String file) {
    try (InputStream in = AuthVectors.class.getResourceAsStream("/vectors/" + file)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource vectors/" + file);
      }
      return new AuthVectors(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String text(String name) {
    String v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no value '" + name + "' in " + file);
    }
    return v;
  }

  byte[] hex(String name) {
    return HexFormat.of().parseHex(text(name).toLowerCase());
  }

  long number(String name) {
    return Long.parseLong(text(name));
  }
}
