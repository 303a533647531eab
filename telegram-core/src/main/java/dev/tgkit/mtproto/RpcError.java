package dev.tgkit.mtproto;

import dev.tgkit.tl.TlObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An {@code rpc_error} the server answered a request with (<a
 * href="https://core.telegram.org/api/errors">errors</a>).
 *
 * <p>Telegram appends an integer to some names: {@code FLOOD_WAIT_31} has the {@link #name()}
 * {@code FLOOD_WAIT} and the {@link #value()} 31. The subclasses are the error classes a caller
 * reacts to differently, by code: {@link SeeOther} (303, the request belongs to another data
 * center, {@link SeeOther#dc()}), {@link BadRequest} (400), {@link Unauthorized} (401), {@link
 * Forbidden} (403), {@link NotFound} (404), {@link NotAcceptable} (406), {@link Flood} (420, wait
 * {@link Flood#seconds()}), {@link ServerError} (500 and Telegram's negative codes). Others are
 * plain {@code RpcError}s. Catch a class, then compare {@link #name()} with the names of
 * core.telegram.org's method pages.
 *
 * <p>The message names the error, the code and the request's TL type, never the request's
 * fields, which may hold phone numbers or codes.
 */
public sealed class RpcError extends RuntimeException
    permits RpcError.SeeOther,
        RpcError.BadRequest,
        RpcError.Unauthorized,
        RpcError.Forbidden,
        RpcError.NotFound,
        RpcError.NotAcceptable,
        RpcError.Flood,
        RpcError.ServerError {

  private static final Pattern VALUE = Pattern.compile("^(.*[A-Z])_(\\d+)$");

  private final int code;
  private final String name;
  private final @Nullable Integer value;
  private final transient @Nullable TlObject request;

  RpcError(int code, String message, @Nullable TlObject request) {
    this(code, message, Parsed.of(message), request);
  }

  private RpcError(int code, String message, Parsed parsed, @Nullable TlObject request) {
    super(describe(code, message, parsed, request));
    this.code = code;
    this.name = parsed.name();
    this.value = parsed.value();
    this.request = request;
  }

  /** A message split into name and appended number ({@code FLOOD_WAIT_31}: FLOOD_WAIT, 31). */
  private record Parsed(String name, @Nullable Integer value) {
    static Parsed of(String message) {
      Matcher m = VALUE.matcher(message);
      // At most 9 digits: a value always fits an int; longer digit runs are part of the name.
      if (m.matches() && m.group(2).length() <= 9) {
        return new Parsed(m.group(1), Integer.parseInt(m.group(2)));
      }
      return new Parsed(message, null);
    }
  }

  /**
   * The error for an {@code rpc_error}, as the subclass its code calls for.
   *
   * @param request the request it answers, or null if unknown
   */
  public static RpcError of(int code, String message, @Nullable TlObject request) {
    return switch (code) {
      case 303 -> new SeeOther(code, message, request);
      case 400 -> new BadRequest(code, message, request);
      case 401 -> new Unauthorized(code, message, request);
      case 403 -> new Forbidden(code, message, request);
      case 404 -> new NotFound(code, message, request);
      case 406 -> new NotAcceptable(code, message, request);
      case 420 -> new Flood(code, message, request);
      default -> code >= 500 || code < 0
          ? new ServerError(code, message, request)
          : new RpcError(code, message, request);
    };
  }

  /** The HTTP-like code: 303, 400, 401, 403, 404, 406, 420, 500, or a negative one. */
  public int code() {
    return code;
  }

  /** The name without a trailing number: {@code FLOOD_WAIT} for {@code FLOOD_WAIT_31}. */
  public String name() {
    return name;
  }

  /** The number Telegram appended to the name, or null if it appended none. */
  public @Nullable Integer value() {
    return value;
  }

  /** The request this error answers, or null if unknown. */
  public @Nullable TlObject request() {
    return request;
  }

  /** Whether this is the error {@code name} (given with or without the {@code _X} suffix). */
  public boolean is(String name) {
    return this.name.equals(name.endsWith("_X") ? name.substring(0, name.length() - 2) : name);
  }

  /** Telegram's one-line description of a known error, or null for an unknown one. */
  public @Nullable String description() {
    return Catalog.description(name, value);
  }

  private static String describe(
      int code, String message, Parsed parsed, @Nullable TlObject request) {
    StringBuilder s = new StringBuilder().append(code).append(' ').append(message);
    if (request != null) {
      s.append(" (caused by ").append(tlName(request)).append(')');
    }
    String description = Catalog.description(parsed.name(), parsed.value());
    if (description != null) {
      s.append(": ").append(description);
    }
    return s.toString();
  }

  /** {@code messages.sendMessage} for a function, the class name relative to the TL packages otherwise. */
  static String tlName(TlObject request) {
    if (request instanceof dev.tgkit.tl.TlFunction<?> f) {
      return f.tlName();
    }
    String name = request.getClass().getName();
    for (String prefix : new String[] {"dev.tgkit.tl.api.", "dev.tgkit.tl.mtproto.", "dev.tgkit.tl."}) {
      if (name.startsWith(prefix)) {
        return name.substring(prefix.length());
      }
    }
    return request.getClass().getSimpleName();
  }

  /** 303: the request must be sent to {@link #dc()} (PHONE_, USER_, FILE_, NETWORK_, STATS_MIGRATE). */
  public static final class SeeOther extends RpcError {
    SeeOther(int code, String message, @Nullable TlObject request) {
      super(code, message, request);
    }

    /** The data center to use, or -1 if the error named none. */
    public int dc() {
      Integer v = value();
      return v == null ? -1 : v;
    }
  }

  /** 400: the request is wrong; sending it again will not help. */
  public static final class BadRequest extends RpcError {
    BadRequest(int code, String message, @Nullable TlObject request) {
      super(code, message, request);
    }
  }

  /** 401: not signed in, or the authorization was revoked ({@code AUTH_KEY_UNREGISTERED}...). */
  public static final class Unauthorized extends RpcError {
    Unauthorized(int code, String message, @Nullable TlObject request) {
      super(code, message, request);
    }
  }

  /** 403: a privacy or permission rule forbids it. */
  public static final class Forbidden extends RpcError {
    Forbidden(int code, String message, @Nullable TlObject request) {
      super(code, message, request);
    }
  }

  /** 404: the object does not exist. */
  public static final class NotFound extends RpcError {
    NotFound(int code, String message, @Nullable TlObject request) {
      super(code, message, request);
    }
  }

  /** 406: like 400, but Telegram also shows the user a notice about it. */
  public static final class NotAcceptable extends RpcError {
    NotAcceptable(int code, String message, @Nullable TlObject request) {
      super(code, message, request);
    }
  }

  /** 420: too many requests; wait {@link #seconds()} (FLOOD_WAIT, FLOOD_PREMIUM_WAIT, SLOWMODE_WAIT). */
  public static final class Flood extends RpcError {
    Flood(int code, String message, @Nullable TlObject request) {
      super(code, message, request);
    }

    /** Seconds to wait before trying again; 0 if the error named none. */
    public int seconds() {
      Integer v = value();
      return v == null ? 0 : v;
    }
  }

  /** 500 or a negative code: Telegram failed; the request may or may not have been done. */
  public static final class ServerError extends RpcError {
    ServerError(int code, String message, @Nullable TlObject request) {
      super(code, message, request);
    }
  }

  /** Telegram's known error names and descriptions, shipped from {@code rpc-errors.csv}. */
  static final class Catalog {
    private static final Map<String, String> DESCRIPTIONS = load();

    private Catalog() {}

    static @Nullable String description(String name, @Nullable Integer value) {
      if (value != null) {
        String withValue = DESCRIPTIONS.get(name + "_X");
        if (withValue != null) {
          return withValue.replaceAll("\\{[a-z_]+}", String.valueOf(value));
        }
      }
      return DESCRIPTIONS.get(name);
    }

    static int size() {
      return DESCRIPTIONS.size();
    }

    private static Map<String, String> load() {
      Map<String, String> map = new HashMap<>();
      try (InputStream in = RpcError.class.getResourceAsStream("rpc-errors.csv")) {
        if (in == null) {
          throw new IllegalStateException("rpc-errors.csv is missing from telegram-core's jar");
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        reader.readLine(); // name,codes,description
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          List<String> fields = csvFields(line);
          if (fields.size() >= 3) {
            map.put(fields.get(0), fields.get(2));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return Map.copyOf(map);
    }

    /** RFC 4180 fields of one line: commas split, double quotes group, "" is a quote. */
    static List<String> csvFields(String line) {
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (quoted) {
          if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else if (c == '"') {
            quoted = false;
          } else {
            field.append(c);
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == ',') {
          fields.add(field.toString());
          field.setLength(0);
        } else {
          field.append(c);
        }
      }
      fields.add(field.toString());
      return fields;
    }
  }
}
