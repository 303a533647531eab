package dev.tgkit.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.crypto.AuthKey;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SessionTest {

  private static AuthKey key(int seed) {
    byte[] k = new byte[256];
    new Random(seed).nextBytes(k);
    return AuthKey.of(k);
  }

  @Test
  void addingAnAuthKeyKeepsTheOtherDataCenters() {
    Session session = new Session(List.of(new DataCenter(1, "127.0.0.1", 1001, null),
        new DataCenter(2, "127.0.0.1", 1002, null)), 2);

    Session next = session.with(session.dc(2).orElseThrow().withAuthKey(key(1)));

    assertThat(next.authKey(2)).contains(key(1));
    assertThat(next.authKey(1)).isEmpty();
    assertThat(next.dcs()).extracting(DataCenter::id).containsExactly(1, 2);
    assertThat(next.with(new DataCenter(4, "10.0.0.4", 443, null)).dcs()).hasSize(3);
  }

  @Test
  void aNewAddressKeepsTheKey() {
    DataCenter dc = new DataCenter(2, "127.0.0.1", 1002, key(2));
    assertThat(dc.withAddress("::1", 2002).authKey()).isEqualTo(key(2));
  }

  @Test
  void toStringNeverShowsTheAuthKey() {
    AuthKey key = key(3);
    Session session = new Session(List.of(new DataCenter(2, "127.0.0.1", 1002, key)), 2);
    String hex = HexFormat.of().formatHex(key.toByteArray());

    assertThat(session.toString()).doesNotContain(hex.substring(0, 16)).doesNotContain(hex.substring(100, 116));
  }

  @Test
  void rejectsNonsenseWithAClearMessage() {
    assertThatThrownBy(() -> new DataCenter(0, "h", 1, null)).hasMessageContaining("positive");
    assertThatThrownBy(() -> new DataCenter(1, " ", 1, null)).hasMessageContaining("needs a host");
    assertThatThrownBy(() -> new DataCenter(1, "h", 70_000, null)).hasMessageContaining("port 70000");
    assertThatThrownBy(() -> new Session(List.of(new DataCenter(1, "a", 1, null), new DataCenter(1, "b", 2, null)), 1))
        .hasMessageContaining("listed twice");
  }

  @Test
  void memoryStorageSavesLoadsAndDeletes() {
    MemoryStorage storage = new MemoryStorage();
    assertThat(storage.load()).isEmpty();
    Session session = new Session(List.of(new DataCenter(2, "127.0.0.1", 1002, key(4))), 2);

    storage.save(session);
    assertThat(storage.load()).contains(session);
    storage.delete();
    assertThat(storage.load()).isEmpty();
  }
}
