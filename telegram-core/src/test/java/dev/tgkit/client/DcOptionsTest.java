package dev.tgkit.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgkit.crypto.AuthKey;
import dev.tgkit.session.DataCenter;
import dev.tgkit.session.Session;
import dev.tgkit.tl.Bytes;
import dev.tgkit.tl.api.DcOption;
import dev.tgkit.tl.api.DcOptionCtor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DcOptionsTest {

  private static DcOptionCtor option(int id, String ip, boolean ipv6, boolean media, boolean cdn, boolean tcpo, Bytes secret) {
    return new DcOptionCtor(ipv6, media, tcpo, cdn, false, false, id, ip, 443, secret);
  }

  private static final List<DcOption> CONFIG = List.of(
      option(1, "2001:b28:f23d:f001::a", true, false, false, false, null),
      option(1, "149.154.175.53", false, false, false, false, null),
      option(2, "149.154.167.51", false, true, false, false, null), // media only
      option(2, "149.154.167.50", false, false, false, false, null),
      option(3, "149.154.175.100", false, false, true, false, null), // cdn
      option(4, "149.154.167.91", false, false, false, true, Bytes.of(new byte[16])), // tcpo + secret
      option(5, "91.108.56.130", false, false, false, false, null));

  @Test
  void choosesOnePlainAddressPerDataCenterPreferringIpv4() {
    assertThat(DcOptions.select(CONFIG, false).values())
        .extracting(DcOptionCtor::id, DcOptionCtor::ipAddress)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "149.154.175.53"),
            org.assertj.core.groups.Tuple.tuple(2, "149.154.167.50"),
            org.assertj.core.groups.Tuple.tuple(5, "91.108.56.130"));
  }

  @Test
  void prefersIpv6WhenAsked() {
    assertThat(DcOptions.select(CONFIG, true).get(1).ipAddress()).isEqualTo("2001:b28:f23d:f001::a");
  }

  @Test
  void movedDataCentersKeepTheirAuthKeys() {
    byte[] k = new byte[256];
    new Random(1).nextBytes(k);
    AuthKey key = AuthKey.of(k);
    Session session = new Session(List.of(new DataCenter(2, "10.0.0.2", 80, key)), 2);

    Session next = DcOptions.apply(session, CONFIG, false);

    assertThat(next.dc(2)).contains(new DataCenter(2, "149.154.167.50", 443, key));
    assertThat(next.dc(1)).contains(new DataCenter(1, "149.154.175.53", 443, null));
    assertThat(next.dcs()).extracting(DataCenter::id).containsExactly(2, 1, 5);
  }
}
