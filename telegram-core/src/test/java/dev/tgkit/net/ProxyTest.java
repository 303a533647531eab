package dev.tgkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.mtproto.transport.ProxySecret;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ProxyTest {

  private static final String HEX_SECRET = "00112233445566778899aabbccddeeff";
  private static final String DD_SECRET = "dd" + HEX_SECRET;

  @Test
  void parsesSocks5UrlsWithAndWithoutCredentials() {
    assertThat(Proxy.parse("socks5://proxy.example:1080"))
        .isEqualTo(Proxy.socks5("proxy.example", 1080));
    assertThat(Proxy.parse("socks5://alice:s3cret@10.0.0.1:9050"))
        .isEqualTo(Proxy.socks5("10.0.0.1", 9050, "alice", "s3cret"));
    assertThat(Proxy.parse("SOCKS5H://alice:s3cret@proxy.example:1080"))
        .isEqualTo(Proxy.socks5("proxy.example", 1080, "alice", "s3cret"));
  }

  @Test
  void percentDecodesCredentialsButKeepsPlusSigns() {
    assertThat(Proxy.parse("socks5://al%40ice:p%3Aa+ss%25@proxy.example:1080"))
        .isEqualTo(Proxy.socks5("proxy.example", 1080, "al@ice", "p:a+ss%"));
    assertThat(Proxy.parse("http://bob:p%C3%A4ss@proxy.example:3128"))
        .isEqualTo(Proxy.http("proxy.example", 3128, "bob", "päss"));
  }

  @Test
  void parsesHttpUrlsAndIpv6Literals() {
    assertThat(Proxy.parse("http://proxy.example:3128")).isEqualTo(Proxy.http("proxy.example", 3128));
    assertThat(Proxy.parse("http://bob:pw@[::1]:3128")).isEqualTo(Proxy.http("::1", 3128, "bob", "pw"));
    assertThat(Proxy.parse("http://[::1]:3128").toString()).isEqualTo("http://[::1]:3128");
  }

  @Test
  void parsesTelegramMtProxyLinksWithHexAndBase64Secrets() {
    ProxySecret plain = ProxySecret.parse(HEX_SECRET);
    ProxySecret dd = ProxySecret.parse(DD_SECRET);
    assertThat(Proxy.parse("tg://proxy?server=mt.example&port=443&secret=" + HEX_SECRET))
        .isEqualTo(Proxy.mtProxy("mt.example", 443, plain));
    assertThat(Proxy.parse("https://t.me/proxy?server=1.2.3.4&port=8443&secret=" + DD_SECRET))
        .isEqualTo(Proxy.mtProxy("1.2.3.4", 8443, dd));

    byte[] ddBytes = HexFormat.of().parseHex(DD_SECRET);
    String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(ddBytes);
    String standard = Base64.getEncoder().encodeToString(ddBytes);
    assertThat(Proxy.parse("tg://proxy?secret=" + urlSafe + "&server=mt.example&port=443"))
        .isEqualTo(Proxy.mtProxy("mt.example", 443, dd));
    assertThat(Proxy.parse("tg://proxy?server=mt.example&port=443&secret=" + standard.replace("=", "%3D")))
        .isEqualTo(Proxy.mtProxy("mt.example", 443, dd));
  }

  @Test
  void parsesTelegramSocksLinks() {
    assertThat(Proxy.parse("tg://socks?server=s.example&port=1080"))
        .isEqualTo(Proxy.socks5("s.example", 1080));
    assertThat(Proxy.parse("https://t.me/socks?server=s.example&port=1080&user=u&pass=p%26w"))
        .isEqualTo(Proxy.socks5("s.example", 1080, "u", "p&w"));
  }

  @Test
  void rejectsUnsupportedOrIncompleteUrlsSayingWhatIsAccepted() {
    assertThatThrownBy(() -> Proxy.parse("ftp://proxy.example:21"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'ftp'")
        .hasMessageContaining("socks5://");
    assertThatThrownBy(() -> Proxy.parse("socks5://proxy.example"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port");
    assertThatThrownBy(() -> Proxy.parse("https://proxy.example:443"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HTTPS proxies are not supported");
    assertThatThrownBy(() -> Proxy.parse("tg://proxy?server=mt.example&port=443"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'secret'");
    assertThatThrownBy(() -> Proxy.parse("tg://join?invite=abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tg://proxy or tg://socks");
    assertThatThrownBy(() -> Proxy.parse("tg://proxy?server=mt.example&port=x&secret=" + HEX_SECRET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1..65535");
    assertThatThrownBy(() -> Proxy.parse("socks5://alice@proxy.example:1080"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no password");
    assertThatThrownBy(() -> Proxy.parse("socks5://a:b%zz@proxy.example:1080"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("syntax error");
  }

  @Test
  void errorsNeverRepeatAPasswordOrASecret() {
    assertThatThrownBy(() -> Proxy.parse("socks5://alice:hunter2 x@proxy.example:1080"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasNoCause()
        .message()
        .doesNotContain("hunter2");
    assertThatThrownBy(() -> Proxy.parse("socks5://alice:hunter2\u00e9@proxy.example:1080"))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain("hunter2");
    String badSecret = "zz112233445566778899aabbccddeeff!!";
    assertThatThrownBy(() -> Proxy.parse("tg://proxy?server=mt.example&port=443&secret=" + badSecret))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain(badSecret)
        .contains("hexadecimal or base64");
    String tooShort = HEX_SECRET + "0011";
    assertThatThrownBy(() -> Proxy.parse("tg://proxy?server=mt.example&port=443&secret=" + tooShort))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain(HEX_SECRET);
  }

  @Test
  void rejectsFakeTlsSecretsSayingSo() {
    String fakeTls = "ee" + HEX_SECRET + HexFormat.of().formatHex("example.com".getBytes());
    assertThatThrownBy(() -> Proxy.parse("tg://proxy?server=mt.example&port=443&secret=" + fakeTls))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fake-TLS");
  }

  @Test
  void validatesHostPortAndCredentials() {
    assertThatThrownBy(() -> Proxy.socks5(" ", 1080))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("host");
    assertThatThrownBy(() -> Proxy.http("proxy.example", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1..65535, got 0");
    assertThatThrownBy(() -> Proxy.socks5("proxy.example", 65536))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 65536");
    assertThatThrownBy(() -> new Proxy.Socks5("proxy.example", 1080, "alice", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only the user name");
    assertThatThrownBy(() -> new Proxy.Http("proxy.example", 3128, null, "pw"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only the password");
    assertThatThrownBy(() -> Proxy.socks5("proxy.example", 1080, "alice", "x".repeat(256)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 to 255 printable ASCII");
    assertThatThrownBy(() -> Proxy.socks5("proxy.example", 1080, "alice", "pässword"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ASCII")
        .message()
        .doesNotContain("pässword");
    assertThatThrownBy(() -> Proxy.socks5("proxy.example", 1080, "", "pw"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("username");
    assertThatThrownBy(() -> Proxy.http("proxy.example", 3128, "a:b", "pw"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("':'");
  }

  @Test
  void toStringRedactsPasswordsAndSecrets() {
    assertThat(Proxy.socks5("proxy.example", 1080, "alice", "hunter2"))
        .hasToString("socks5://alice:***@proxy.example:1080");
    assertThat(Proxy.socks5("proxy.example", 1080)).hasToString("socks5://proxy.example:1080");
    assertThat(Proxy.http("proxy.example", 3128, "bob", "hunter2"))
        .hasToString("http://bob:***@proxy.example:3128");
    assertThat(Proxy.mtProxy("mt.example", 443, ProxySecret.parse(DD_SECRET)))
        .hasToString("mtproxy mt.example:443 secret ***");
    assertThat(Proxy.parse("socks5://alice:hunter2@proxy.example:1080").toString())
        .doesNotContain("hunter2");
  }

  @Test
  void equalProxiesWithDifferentPasswordsDiffer() {
    assertThat(Proxy.socks5("h", 1, "u", "a")).isNotEqualTo(Proxy.socks5("h", 1, "u", "b"));
    assertThat(Proxy.socks5("h", 1, "u", "a").hashCode())
        .isEqualTo(Proxy.socks5("h", 1, "u", "b").hashCode());
  }
}
