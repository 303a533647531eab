package dev.tgkit.spring.autoconfigure.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.crypto.AuthKey;
import dev.tgkit.session.DataCenter;
import dev.tgkit.session.Session;
import dev.tgkit.session.SessionUser;
import dev.tgkit.session.Sessions;
import dev.tgkit.session.Storage;
import dev.tgkit.session.StorageContract;
import dev.tgkit.session.StorageException;
import dev.tgkit.session.UpdateState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Core's {@link StorageContract} and what the JPA storage adds to it (exclusive hold of a session
 * name, one transaction per save, rows that do not form a session), against one real database.
 * Each subclass names the database; each storage gets a session name of its own.
 */
abstract class JpaStorageContract extends StorageContract {

  private final List<AutoCloseable> mine = new ArrayList<>();

  /** The database under test, with tgkit's tables in its current schema. */
  abstract DataSource dataSource();

  /** The store over {@link #dataSource()}, shared by the tests. */
  abstract JpaSessionStore store();

  /**
   * Another, independent way into the same database (its own connections, its own persistence
   * unit), as a second JVM would have.
   */
  abstract DataSource otherDataSource();

  @Override
  protected Storage create() {
    return new JpaStorage("contract-" + UUID.randomUUID(), store());
  }

  @Override
  protected Storage reopen(Storage closed) {
    return new JpaStorage(((JpaStorage) closed).name(), store());
  }

  private JpaStorage storage(String name) {
    return storage(name, store());
  }

  private JpaStorage storage(String name, JpaSessionStore in) {
    JpaStorage storage = new JpaStorage(name, in);
    mine.add(storage);
    return storage;
  }

  private static String uniqueName() {
    return "jpa-" + UUID.randomUUID();
  }

  @AfterEach
  void closeMine() throws Exception {
    for (int i = mine.size() - 1; i >= 0; i--) {
      mine.get(i).close();
    }
  }

  /** Five data centers, some with keys, a user with a username and 64 channels. */
  static Session large(int n) {
    List<DataCenter> dcs = new ArrayList<>();
    for (int id = 1; id <= 5; id++) {
      dcs.add(new DataCenter(id, id % 2 == 0 ? "2001:b28:f23d:f00" + id + "::a" : "149.154.175." + (50 + id),
          443 + id, id == 3 ? null : Sessions.key(n * 10 + id)));
    }
    Map<Long, Integer> channels = new TreeMap<>();
    for (int i = 1; i <= 64; i++) {
      channels.put(1_000_000_000_000L + i * 7919L + n, i * 31 + n);
    }
    return new Session(dcs, 4, new SessionUser(5_000_000_000L + n, 4, false, "big_user_" + n),
        new UpdateState(Integer.MAX_VALUE - n, 77 + n, 1_750_000_000 + n, 12 + n, channels));
  }

  @Test
  void aLargeSessionComesBackEqualIncludingEveryKeyAndChannelAndDcOrder() {
    JpaStorage storage = storage(uniqueName());
    Session session = large(1);
    storage.save(session);
    Session loaded = storage.load().orElseThrow();
    assertThat(loaded).isEqualTo(session);
    for (DataCenter dc : session.dcs()) {
      AuthKey key = dc.authKey();
      assertThat(loaded.authKey(dc.id()).map(AuthKey::toByteArray).orElse(null))
          .isEqualTo(key == null ? null : key.toByteArray());
    }
    assertThat(loaded.updateState().channelPts()).hasSize(64).isEqualTo(session.updateState().channelPts());

    // Channels added, dropped and changed, a DC gone and one new: the next load is exactly the new one.
    Session next = large(2).withUpdateState(large(2).updateState().withoutChannel(1_000_000_000_000L + 7919L + 2)
        .withChannelPts(42L, 9)).with(new DataCenter(9, "10.0.0.9", 9, Sessions.key(99)));
    storage.save(next);
    assertThat(storage.load()).contains(next);
  }

  @Test
  void sessionsOfDifferentNamesAreKeptApart() {
    JpaStorage a = storage(uniqueName());
    JpaStorage b = storage(uniqueName());
    a.save(Sessions.full(1, 3));
    b.save(Sessions.full(2, 5));
    a.delete();
    assertThat(a.load()).isEmpty();
    assertThat(b.load()).contains(Sessions.full(2, 5));
  }

  @Test
  void aSecondStorageOnTheSameNameIsLockedOutUntilTheFirstCloses() {
    String name = uniqueName();
    JpaStorage first = storage(name);
    first.save(Sessions.full(1, 2));
    JpaStorage second = storage(name);

    assertThatThrownBy(second::load).isInstanceOfSatisfying(StorageException.Locked.class, e -> {
      assertThat(e.file()).isNull();
      assertThat(e.store()).isEqualTo("JPA session \"" + name + "\"");
    }).hasMessageContaining(name).hasMessageContaining("in use by another client");
    assertThatThrownBy(() -> second.save(Sessions.full(2, 1))).isInstanceOf(StorageException.Locked.class);
    assertThatThrownBy(second::delete).isInstanceOf(StorageException.Locked.class);
    // Being refused took nothing from the holder.
    first.save(Sessions.full(3, 2));
    assertThat(first.load()).contains(Sessions.full(3, 2));

    first.close();
    assertThat(second.load()).contains(Sessions.full(3, 2));
    assertThatThrownBy(first::load).isInstanceOf(StorageException.Locked.class);
    second.close();
    assertThat(first.load()).contains(Sessions.full(3, 2));
  }

  @Test
  void aClientInAnotherJvmIsLockedOutToo() {
    String name = uniqueName();
    try (JpaSessionStore other = JpaSessionStore.open(otherDataSource())) {
      JpaStorage elsewhere = new JpaStorage(name, other);
      try {
        elsewhere.save(Sessions.full(5, 5));
        JpaStorage here = storage(name);
        assertThatThrownBy(here::load).isInstanceOf(StorageException.Locked.class);
        elsewhere.close();
        assertThat(here.load()).contains(Sessions.full(5, 5));
        assertThatThrownBy(elsewhere::load).isInstanceOf(StorageException.Locked.class);
      } finally {
        elsewhere.close();
      }
    }
  }

  @Test
  void aSaveThatFailsHalfwayLeavesThePreviousSessionWhole() throws SQLException {
    JpaStorage storage = storage(uniqueName());
    Session before = Sessions.full(1, 50);
    storage.save(before);
    // The session and data center rows are written before the channels; the last channel fails.
    Session failing = Sessions.full(2, 50).withUpdateState(Sessions.full(2, 50).updateState().withChannelPts(666, 666));
    execute("ALTER TABLE tgkit_session_channel ADD CONSTRAINT tgkit_test_no_666 CHECK (pts <> 666)");
    try {
      assertThatThrownBy(() -> storage.save(failing)).isInstanceOf(StorageException.class)
          .hasMessageStartingWith("could not save JPA session \"" + storage.name() + "\"");
    } finally {
      execute("ALTER TABLE tgkit_session_channel DROP CONSTRAINT tgkit_test_no_666");
    }
    assertThat(storage.load()).contains(before);
    Session after = Sessions.full(3, 50);
    storage.save(after);
    assertThat(storage.load()).contains(after);
  }

  @Test
  void rowsThatDoNotFormASessionAreReportedAsCorruptWithoutTheKey() throws SQLException {
    JpaStorage storage = storage(uniqueName());
    Session session = Sessions.full(1, 1);
    storage.save(session);
    String key = HexFormat.of().formatHex(session.authKey(2).orElseThrow().toByteArray());
    update("UPDATE tgkit_session SET user_dc = NULL WHERE name = ?", storage.name());

    assertThatThrownBy(storage::load).isInstanceOfSatisfying(StorageException.Corrupt.class,
        e -> assertThat(e.getMessage()).contains(storage.name()).contains("all set or all null")
            .doesNotContainIgnoringCase(key.substring(0, 16)));

    storage.save(session); // a save repairs it
    assertThat(storage.load()).contains(session);
    update("UPDATE tgkit_session_dc SET auth_key = ? WHERE session_name = ? AND dc_id = 2",
        new byte[] {1, 2, 3}, storage.name());
    assertThatThrownBy(storage::load).isInstanceOf(StorageException.Corrupt.class)
        .hasMessageContaining("256 bytes, got 3");
  }

  @Test
  void aSessionSavedInAnotherFormatVersionSaysWhichVersion() throws SQLException {
    JpaStorage storage = storage(uniqueName());
    storage.save(Sessions.full(1, 1));
    update("UPDATE tgkit_session SET format_version = 2 WHERE name = ?", storage.name());
    assertThatThrownBy(storage::load)
        .isInstanceOfSatisfying(StorageException.UnsupportedVersion.class, e -> assertThat(e.version()).isEqualTo(2))
        .hasMessageContaining("format version 2");
  }

  @Test
  void theKeysAreStoredAsTheyAreAndNothingPrintsThem() throws SQLException {
    JpaStorage storage = storage(uniqueName());
    Session session = large(3);
    storage.save(session);
    try (Connection c = dataSource().getConnection();
        PreparedStatement keys = c.prepareStatement(
            "SELECT dc_id, auth_key FROM tgkit_session_dc WHERE session_name = ? ORDER BY dc_order")) {
      keys.setString(1, storage.name());
      var rows = keys.executeQuery();
      for (DataCenter dc : session.dcs()) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getInt(1)).isEqualTo(dc.id());
        AuthKey key = dc.authKey();
        assertThat(rows.getBytes(2)).isEqualTo(key == null ? null : key.toByteArray());
      }
      assertThat(rows.next()).isFalse();
    }
    String printed = storage + " " + store() + " " + storage.load().orElseThrow();
    assertThat(printed).contains(storage.name());
    for (DataCenter dc : session.dcs()) {
      if (dc.authKey() != null) {
        String hex = HexFormat.of().formatHex(dc.authKey().toByteArray());
        assertThat(printed.toLowerCase()).doesNotContain(hex.substring(0, 16));
      }
    }
  }

  @Test
  void rejectsNamesThatCannotBeStored() {
    assertThatThrownBy(() -> new JpaStorage(" ", store())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not blank");
    assertThatThrownBy(() -> new JpaStorage("x".repeat(256), store())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("256 characters");
    JpaStorage longest = storage("y".repeat(255));
    longest.save(Sessions.fresh(1));
    assertThat(longest.load()).contains(Sessions.fresh(1));
    longest.delete();
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private void update(String sql, Object... values) throws SQLException {
    try (Connection c = dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        s.setObject(i + 1, values[i]);
      }
      assertThat(s.executeUpdate()).isPositive();
    }
  }
}
