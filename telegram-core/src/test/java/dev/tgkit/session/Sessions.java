package dev.tgkit.session;

import dev.tgkit.crypto.AuthKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Sessions for storage tests: every field set, each generation distinct in every part. */
public final class Sessions {

  private Sessions() {}

  public static AuthKey key(int seed) {
    byte[] k = new byte[AuthKey.LENGTH];
    new Random(seed).nextBytes(k);
    return AuthKey.of(k);
  }

  /**
   * Generation {@code n}: two data centers with keys, a user, and an update state with {@code
   * channels} channels, all derived from {@code n} so that a mix of two generations is not one.
   */
  public static Session full(int n, int channels) {
    Map<Long, Integer> pts = new HashMap<>();
    for (int i = 1; i <= channels; i++) {
      pts.put(1_000_000L * i + n, n + i);
    }
    return new Session(List.of(new DataCenter(2, "149.154.167.51", 443, key(n)),
        new DataCenter(4, "2001:67c:4e8:f004::b", 443 + n % 100, key(-n))), 2)
        .withUser(new SessionUser(100L + n, 2, n % 2 == 0, n % 3 == 0 ? null : "user_" + n + "_ü"))
        .withUpdateState(new UpdateState(n, n * 2, 1_700_000_000 + n, n * 3, pts));
  }

  /** A session before any auth key, user or state. */
  public static Session fresh(int dc) {
    return new Session(List.of(new DataCenter(dc, "127.0.0.1", 1000 + dc, null)), dc);
  }
}
