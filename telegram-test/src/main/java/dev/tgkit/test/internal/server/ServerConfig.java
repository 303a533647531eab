package dev.tgkit.test.internal.server;

import dev.tgkit.tl.api.ConfigCtor;
import dev.tgkit.tl.api.DcOption;
import dev.tgkit.tl.api.DcOptionCtor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code help.getConfig} answers: Telegram's <a
 * href="https://core.telegram.org/api/config#config">config</a> listing the data centers of this
 * Telegram, valid for an hour.
 */
public final class ServerConfig {

  private final Cluster cluster;
  private final Clock clock;
  private final boolean testServers;

  /**
   * @param testServers whether the config says {@code test_mode}, as the real test servers' does
   */
  public ServerConfig(Cluster cluster, Clock clock, boolean testServers) {
    this.cluster = cluster;
    this.clock = clock;
    this.testServers = testServers;
  }

  /** The config {@code thisDc} answers; the limits are the values Telegram sends. */
  public ConfigCtor of(ServerDataCenter thisDc) {
    int now = (int) (clock.millis() / 1000);
    List<DcOption> options = new ArrayList<>();
    for (ServerDataCenter dc : cluster.dataCenters()) {
      options.add(DcOptionCtor.builder(dc.id(), dc.host(), dc.port()).build());
    }
    return ConfigCtor.builder()
        .date(now)
        .expires(now + 3600)
        .testMode(testServers)
        .thisDc(thisDc.id())
        .dcOptions(options)
        .dcTxtDomainName("embedded.tgkit.invalid")
        .chatSizeMax(200)
        .megagroupSizeMax(200_000)
        .forwardedCountMax(100)
        .onlineUpdatePeriodMs(210_000)
        .offlineBlurTimeoutMs(5_000)
        .offlineIdleTimeoutMs(30_000)
        .onlineCloudTimeoutMs(300_000)
        .notifyCloudDelayMs(30_000)
        .notifyDefaultDelayMs(1_500)
        .pushChatPeriodMs(60_000)
        .pushChatLimit(2)
        .editTimeLimit(172_800)
        .revokeTimeLimit(Integer.MAX_VALUE)
        .revokePmTimeLimit(Integer.MAX_VALUE)
        .ratingEDecay(2_419_200)
        .stickersRecentLimit(200)
        .channelsReadMediaPeriod(604_800)
        .callReceiveTimeoutMs(20_000)
        .callRingTimeoutMs(90_000)
        .callConnectTimeoutMs(30_000)
        .callPacketTimeoutMs(10_000)
        .meUrlPrefix("https://t.me/")
        .gifSearchUsername("gif")
        .venueSearchUsername("foursquare")
        .imgSearchUsername("bing")
        .captionLengthMax(1_024)
        .messageLengthMax(4_096)
        .webfileDcId(1)
        .build();
  }
}
