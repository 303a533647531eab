package dev.tgkit.net;

import dev.tgkit.mtproto.transport.ProxySecret;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A proxy that a {@link Dialer} opens every connection through: a SOCKS5 proxy, an HTTP proxy
 * that tunnels with {@code CONNECT}, or an <a
 * href="https://core.telegram.org/mtproto/mtproto-transports#transport-obfuscation">MTProxy</a>.
 *
 * <p>Passwords and MTProxy secrets are credentials: {@link #toString()} never shows them, and
 * neither does any exception thrown here.
 */
public sealed interface Proxy permits Proxy.Socks5, Proxy.Http, Proxy.MtProxy {

  /** The proxy's host name or IP address. */
  String host();

  /** The proxy's TCP port. */
  int port();

  /** A SOCKS5 proxy without authentication. */
  static Socks5 socks5(String host, int port) {
    return new Socks5(host, port, null, null);
  }

  /** A SOCKS5 proxy with username/password authentication (RFC 1929). */
  static Socks5 socks5(String host, int port, String username, String password) {
    return new Socks5(host, port, username, password);
  }

  /** An HTTP proxy without authentication. */
  static Http http(String host, int port) {
    return new Http(host, port, null, null);
  }

  /** An HTTP proxy with Basic authentication. */
  static Http http(String host, int port, String username, String password) {
    return new Http(host, port, username, password);
  }

  /** An MTProxy. */
  static MtProxy mtProxy(String host, int port, ProxySecret secret) {
    return new MtProxy(host, port, secret);
  }

  /**
   * Parses a proxy as users paste it:
   *
   * <ul>
   *   <li>{@code socks5://host:port}, {@code socks5://user:password@host:port} ({@code socks5h://}
   *       is accepted too: the proxy always resolves the data center's address);
   *   <li>{@code http://host:port}, {@code http://user:password@host:port};
   *   <li>Telegram's MTProxy links {@code tg://proxy?server=...&port=...&secret=...} and {@code
   *       https://t.me/proxy?server=...}, with the secret in hexadecimal or base64;
   *   <li>Telegram's SOCKS5 links {@code tg://socks?server=...&port=...[&user=...&pass=...]} and
   *       {@code https://t.me/socks?...}.
   * </ul>
   *
   * <p>User names and passwords may be percent-encoded. The port is required.
   *
   * @throws IllegalArgumentException if the text is none of these forms or a part is invalid; the
   *     message never repeats a password or a secret
   */
  static Proxy parse(String url) {
    return ProxyUrls.parse(url);
  }

  /**
   * A SOCKS5 proxy (RFC 1928), optionally with username/password authentication (RFC 1929).
   *
   * @param username null for no authentication; else 1 to 255 ASCII characters
   * @param password null exactly when {@code username} is; else 1 to 255 ASCII characters
   * @throws IllegalArgumentException if the host is blank, the port is not in 1..65535, only one of
   *     username and password is given, or either is not 1 to 255 ASCII characters
   */
  record Socks5(String host, int port, @Nullable String username, @Nullable String password)
      implements Proxy {

    public Socks5 {
      host = checkHost(host);
      checkPort(port);
      checkCredentials("SOCKS5", username, password);
      if (username != null && password != null) {
        // RFC 1929 gives each a one-byte length; Netty writes them as ASCII and would silently
        // mangle anything else.
        checkSocksCredential("username", username);
        checkSocksCredential("password", password);
      }
    }

    @Override
    public int hashCode() {
      // Without the password, so that no hash of it can end up anywhere.
      return Objects.hash(host, port, username);
    }

    /** {@code socks5://user:***@host:port}: the password never shows. */
    @Override
    public String toString() {
      return "socks5://" + userInfo(username) + hostPort(host, port);
    }
  }

  /**
   * An HTTP proxy that opens tunnels with {@code CONNECT} (RFC 9110 §9.3.6), optionally with Basic
   * authentication (RFC 7617).
   *
   * @param username null for no authentication; else non-empty, without ':' (Basic authentication
   *     could not tell where it ends)
   * @param password null exactly when {@code username} is
   * @throws IllegalArgumentException if the host is blank, the port is not in 1..65535, only one of
   *     username and password is given, or the username is empty or contains ':'
   */
  record Http(String host, int port, @Nullable String username, @Nullable String password)
      implements Proxy {

    public Http {
      host = checkHost(host);
      checkPort(port);
      checkCredentials("HTTP", username, password);
      if (username != null) {
        if (username.isEmpty() || username.indexOf(':') >= 0) {
          throw new IllegalArgumentException(
              "an HTTP proxy user name must be non-empty and must not contain ':' (Basic"
                  + " authentication)");
        }
        if (hasControl(username) || hasControl(Objects.requireNonNull(password))) {
          throw new IllegalArgumentException(
              "an HTTP proxy user name and password must not contain control characters");
        }
      }
    }

    @Override
    public int hashCode() {
      // Without the password, so that no hash of it can end up anywhere.
      return Objects.hash(host, port, username);
    }

    /** {@code http://user:***@host:port}: the password never shows. */
    @Override
    public String toString() {
      return "http://" + userInfo(username) + hostPort(host, port);
    }
  }

  /**
   * An MTProxy: it speaks MTProto's obfuscated transport keyed with {@code secret} and forwards to
   * the data center whose id the client puts in the obfuscated init.
   *
   * @throws IllegalArgumentException if the host is blank or the port is not in 1..65535
   */
  record MtProxy(String host, int port, ProxySecret secret) implements Proxy {

    public MtProxy {
      host = checkHost(host);
      checkPort(port);
      Objects.requireNonNull(secret, "secret");
    }

    /** {@code mtproxy host:port secret ***}: the secret never shows. */
    @Override
    public String toString() {
      return "mtproxy " + hostPort(host, port) + " secret ***";
    }
  }

  private static String checkHost(String host) {
    Objects.requireNonNull(host, "host");
    String h = host.strip();
    if (h.startsWith("[") && h.endsWith("]")) {
      // An IPv6 literal as written in URLs; Netty wants it bare.
      h = h.substring(1, h.length() - 1);
    }
    if (h.isEmpty() || h.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/' || c == '@')) {
      throw new IllegalArgumentException(
          "a proxy host must be a host name or an IP address, without spaces, '/' or '@'");
    }
    return h;
  }

  private static void checkPort(int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("a proxy port must be in 1..65535, got " + port);
    }
  }

  private static void checkCredentials(
      String kind, @Nullable String username, @Nullable String password) {
    if ((username == null) != (password == null)) {
      throw new IllegalArgumentException(
          "a "
              + kind
              + " proxy takes a user name and a password together, or neither; got only the "
              + (username == null ? "password" : "user name"));
    }
  }

  private static void checkSocksCredential(String what, String value) {
    boolean unprintable = value.chars().anyMatch(c -> c < 0x20 || c > 0x7e);
    if (value.isEmpty() || value.length() > 255 || unprintable) {
      throw new IllegalArgumentException(
          "a SOCKS5 "
              + what
              + " must be 1 to 255 printable ASCII characters (RFC 1929), got "
              + value.length()
              + " characters"
              + (unprintable ? " not all printable ASCII" : ""));
    }
  }

  private static boolean hasControl(String s) {
    return s.chars().anyMatch(Character::isISOControl);
  }

  private static String userInfo(@Nullable String username) {
    return username == null ? "" : username + ":***@";
  }

  private static String hostPort(String host, int port) {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}

/** The URL forms {@link Proxy#parse} accepts; none of its messages repeats a credential. */
final class ProxyUrls {

  private static final String ACCEPTED =
      "accepted: socks5://[user:password@]host:port, http://[user:password@]host:port,"
          + " tg://proxy?server=..&port=..&secret=.., https://t.me/proxy?..., tg://socks?...,"
          + " https://t.me/socks?...";

  private ProxyUrls() {}

  static Proxy parse(String text) {
    Objects.requireNonNull(text, "url");
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      // Not chained and not quoted: the input may hold a password.
      throw new IllegalArgumentException(
          "not a valid proxy URL (syntax error at index " + e.getIndex() + "); " + ACCEPTED);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    return switch (scheme) {
      case "socks5", "socks5h" -> {
        Credentials c = credentials(uri);
        yield new Proxy.Socks5(host(uri), port(uri), c.username(), c.password());
      }
      case "http" -> {
        Credentials c = credentials(uri);
        yield new Proxy.Http(host(uri), port(uri), c.username(), c.password());
      }
      case "tg" -> link(uri.getRawAuthority(), uri);
      case "https" -> {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!host.equals("t.me") && !host.equals("telegram.me")) {
          throw new IllegalArgumentException(
              "an https:// proxy URL must be a t.me/proxy or t.me/socks link (HTTPS proxies are not"
                  + " supported); "
                  + ACCEPTED);
        }
        yield link(path.startsWith("/") ? path.substring(1) : path, uri);
      }
      default ->
          throw new IllegalArgumentException(
              "unsupported proxy URL scheme '" + scheme + "'; " + ACCEPTED);
    };
  }

  /** A Telegram link: {@code kind} is "proxy" (MTProxy) or "socks". */
  private static Proxy link(@Nullable String kind, URI uri) {
    if (!"proxy".equals(kind) && !"socks".equals(kind)) {
      throw new IllegalArgumentException(
          "a Telegram proxy link is tg://proxy or tg://socks (or t.me/proxy, t.me/socks), got '"
              + kind
              + "'");
    }
    Map<String, String> query = query(uri.getRawQuery());
    String server = required(query, "server");
    int port = port(required(query, "port"));
    return "proxy".equals(kind)
        ? new Proxy.MtProxy(server, port, secret(required(query, "secret")))
        : new Proxy.Socks5(server, port, query.get("user"), query.get("pass"));
  }

  /**
   * Links carry the secret in hexadecimal or, from newer apps, in base64 (often URL-safe and
   * unpadded). Hexadecimal is tried first: a 16-byte secret in base64 is only 22 characters.
   */
  private static ProxySecret secret(String text) {
    if (text.length() >= 32 && text.length() % 2 == 0 && text.chars().allMatch(HexFormat::isHexDigit)) {
      return ProxySecret.parse(text);
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(text.replace('+', '-').replace('/', '_').replace("=", ""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "an MTProxy secret is hexadecimal or base64; got "
              + text.length()
              + " characters that are neither");
    }
    return ProxySecret.of(bytes);
  }

  private record Credentials(@Nullable String username, @Nullable String password) {}

  private static Credentials credentials(URI uri) {
    String raw = uri.getRawUserInfo();
    if (raw == null) {
      return new Credentials(null, null);
    }
    int colon = raw.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "the proxy URL has a user name but no password; write user:password@host:port");
    }
    return new Credentials(decode(raw.substring(0, colon)), decode(raw.substring(colon + 1)));
  }

  private static String host(URI uri) {
    String host = uri.getHost();
    if (host == null || host.isBlank()) {
      // URI leaves the host null for names it cannot parse (an underscore, say): say so plainly.
      throw new IllegalArgumentException("the proxy URL has no valid host; " + ACCEPTED);
    }
    return host;
  }

  private static int port(URI uri) {
    if (uri.getPort() < 0) {
      throw new IllegalArgumentException("the proxy URL must include a port, as in host:1080");
    }
    return uri.getPort();
  }

  private static int port(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a proxy port must be a number in 1..65535, got '" + text + "'");
    }
  }

  private static String required(Map<String, String> query, String name) {
    String value = query.get(name);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("the proxy link lacks its '" + name + "' parameter; " + ACCEPTED);
    }
    return value;
  }

  private static Map<String, String> query(@Nullable String raw) {
    Map<String, String> params = new HashMap<>();
    if (raw == null) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        params.putIfAbsent(pair.substring(0, eq).toLowerCase(Locale.ROOT), decode(pair.substring(eq + 1)));
      }
    }
    return params;
  }

  /**
   * Percent-decodes as RFC 3986 says, as UTF-8. Unlike {@code URLDecoder}, '+' stays '+': base64
   * secrets and passwords contain it.
   */
  private static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        // java.net.URI has already refused a '%' not followed by two hexadecimal digits.
        out.write(HexFormat.fromHexDigits(s, i + 1, i + 3));
        i += 2;
      } else {
        int end = s.indexOf('%', i);
        byte[] run = s.substring(i, end < 0 ? s.length() : end).getBytes(StandardCharsets.UTF_8);
        out.write(run, 0, run.length);
        i = (end < 0 ? s.length() : end) - 1;
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
