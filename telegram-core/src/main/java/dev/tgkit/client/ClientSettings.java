package dev.tgkit.client;

import dev.tgkit.crypto.RsaPublicKey;
import dev.tgkit.mtproto.transport.Transport;
import dev.tgkit.net.EventLoops;
import dev.tgkit.net.Proxy;
import dev.tgkit.session.DataCenter;
import dev.tgkit.session.Storage;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Client.Builder} configured, fixed when the client is built: every service reads
 * its settings here. Each value was checked by the builder's setter.
 *
 * @param dataCenter where to start instead of Telegram's data center 2; null for Telegram's
 * @param eventLoops the loops to share; null for a group of the client's own
 */
record ClientSettings(
    int apiId,
    String apiHash,
    Storage storage,
    @Nullable DataCenter dataCenter,
    List<RsaPublicKey> publicKeys,
    Transport transport,
    @Nullable Proxy proxy,
    InitialConnection app,
    Duration floodSleepThreshold,
    Duration connectTimeout,
    Duration pingInterval,
    ObservationRegistry observations,
    @Nullable EventLoops eventLoops,
    Clock clock,
    boolean checkAllHandlers,
    int updateQueueLimit,
    boolean testServers,
    boolean catchUp) {

  /** What {@code initConnection} tells Telegram about the app, shown in the account's session list. */
  record InitialConnection(String deviceModel, String systemVersion, String appVersion, String systemLangCode,
      String langPack, String langCode) {}

  /** Telegram's own start: data center 2, the one Telegram's apps connect to first. */
  static final DataCenter TELEGRAM_DC = new DataCenter(2, "149.154.167.51", 443, null);

  /** The start on Telegram's test servers: their data center 2, as my.telegram.org lists it. */
  static final DataCenter TELEGRAM_TEST_DC = new DataCenter(2, "149.154.167.40", 443, null);

  /** Where a session without a home starts: the data center given, else Telegram's (test servers' or production's). */
  DataCenter start() {
    return dataCenter != null ? dataCenter : testServers ? TELEGRAM_TEST_DC : TELEGRAM_DC;
  }

  /** Never prints the api hash. */
  @Override
  public String toString() {
    return "ClientSettings[apiId=" + apiId + ", apiHash=<redacted>, storage=" + storage + ", dataCenter=" + dataCenter
        + ", transport=" + transport + ", proxy=" + proxy + ", testServers=" + testServers + ", catchUp=" + catchUp + "]";
  }
}
