package dev.tgkit.spring.autoconfigure.jpa;

import dev.tgkit.crypto.AuthKey;
import dev.tgkit.session.DataCenter;
import dev.tgkit.session.Session;
import dev.tgkit.session.SessionUser;
import dev.tgkit.session.UpdateState;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One stored {@link Session}, keyed by its name: a row of {@code tgkit_session} with its data
 * centers in {@code tgkit_session_dc} and its channels' pts in {@code tgkit_session_channel}.
 * The user's and the update state's columns are all null when the session has none.
 */
@Entity
@Table(name = "tgkit_session")
class SessionEntity {

  @Id
  @Column(name = "name", length = 255)
  private String name = "";

  @Column(name = "format_version", nullable = false)
  private int formatVersion;

  @Column(name = "home_dc", nullable = false)
  private int homeDc;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "tgkit_session_dc", joinColumns = @JoinColumn(name = "session_name"))
  @OrderColumn(name = "dc_order")
  private List<DataCenterRow> dcs = new ArrayList<>();

  @Column(name = "user_id")
  private @Nullable Long userId;

  @Column(name = "user_dc")
  private @Nullable Integer userDc;

  @Column(name = "user_bot")
  private @Nullable Boolean userBot;

  @Column(name = "user_username", length = 255)
  private @Nullable String userUsername;

  @Column(name = "state_pts")
  private @Nullable Integer statePts;

  @Column(name = "state_qts")
  private @Nullable Integer stateQts;

  @Column(name = "state_date")
  private @Nullable Integer stateDate;

  @Column(name = "state_seq")
  private @Nullable Integer stateSeq;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "tgkit_session_channel", joinColumns = @JoinColumn(name = "session_name"))
  @MapKeyColumn(name = "channel_id")
  @Column(name = "pts", nullable = false)
  private Map<Long, Integer> channelPts = new HashMap<>();

  // Counts the saves; a save based on an older read fails instead of overwriting a newer one.
  // Null until first persisted, which tells Spring Data to insert rather than merge.
  @Version
  @Column(name = "row_version", nullable = false)
  private @Nullable Long rowVersion;

  protected SessionEntity() {}

  SessionEntity(String name) {
    this.name = name;
  }

  String name() {
    return name;
  }

  int formatVersion() {
    return formatVersion;
  }

  /** Replaces every field with {@code session}'s. */
  void set(Session session) {
    formatVersion = Session.VERSION;
    homeDc = session.homeDc();
    dcs.clear();
    for (DataCenter dc : session.dcs()) {
      AuthKey key = dc.authKey();
      dcs.add(new DataCenterRow(dc.id(), dc.host(), dc.port(), key == null ? null : key.toByteArray()));
    }
    SessionUser user = session.user();
    userId = user == null ? null : user.id();
    userDc = user == null ? null : user.dc();
    userBot = user == null ? null : user.bot();
    userUsername = user == null ? null : user.username();
    UpdateState state = session.updateState();
    statePts = state == null ? null : state.pts();
    stateQts = state == null ? null : state.qts();
    stateDate = state == null ? null : state.date();
    stateSeq = state == null ? null : state.seq();
    // Only what changed is written: removed channels deleted, changed ones updated, new ones added.
    if (state == null) {
      channelPts.clear();
    } else {
      channelPts.keySet().retainAll(state.channelPts().keySet());
      channelPts.putAll(state.channelPts());
    }
  }

  /**
   * The session these columns hold.
   *
   * @throws IllegalArgumentException if they do not form one (a value out of range, a user or
   *     update state only partly there, channels without an update state)
   */
  Session toSession() {
    List<DataCenter> list = new ArrayList<>(dcs.size());
    for (DataCenterRow row : dcs) {
      if (row == null) {
        throw new IllegalArgumentException("the data centers' order has a gap");
      }
      byte[] key = row.authKey();
      list.add(new DataCenter(row.dcId(), row.host(), row.port(), key == null ? null : AuthKey.of(key)));
    }
    SessionUser user = null;
    if (userId != null || userDc != null || userBot != null || userUsername != null) {
      if (userId == null || userDc == null || userBot == null) {
        throw new IllegalArgumentException("the user's id, dc and bot flag are all set or all null");
      }
      user = new SessionUser(userId, userDc, userBot, userUsername);
    }
    UpdateState state = null;
    if (statePts != null || stateQts != null || stateDate != null || stateSeq != null) {
      if (statePts == null || stateQts == null || stateDate == null || stateSeq == null) {
        throw new IllegalArgumentException("the update state's pts, qts, date and seq are all set or all null");
      }
      state = new UpdateState(statePts, stateQts, stateDate, stateSeq, channelPts);
    } else if (!channelPts.isEmpty()) {
      throw new IllegalArgumentException(channelPts.size() + " channels' pts are stored without an update state");
    }
    return new Session(list, homeDc, user, state);
  }

  @Override
  public String toString() {
    return "SessionEntity[" + name + "]";
  }
}
