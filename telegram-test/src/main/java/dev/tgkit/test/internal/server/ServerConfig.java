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
      options.add(
          new DcOptionCtor(
              false, false, false, false, false, false, dc.id(), dc.host(), dc.port(), null));
    }
    return new ConfigCtor(
        false, // default_p2p_contacts
        false, // preload_featured_stickers
        false, // revoke_pm_inbox
        false, // blocked_mode
        false, // force_try_ipv6
        now, // date
        now + 3600, // expires
        testServers, // test_mode
        thisDc.id(),
        options,
        "embedded.tgkit.invalid", // dc_txt_domain_name
        200, // chat_size_max
        200_000, // megagroup_size_max
        100, // forwarded_count_max
        210_000, // online_update_period_ms
        5_000, // offline_blur_timeout_ms
        30_000, // offline_idle_timeout_ms
        300_000, // online_cloud_timeout_ms
        30_000, // notify_cloud_delay_ms
        1_500, // notify_default_delay_ms
        60_000, // push_chat_period_ms
        2, // push_chat_limit
        172_800, // edit_time_limit
        Integer.MAX_VALUE, // revoke_time_limit
        Integer.MAX_VALUE, // revoke_pm_time_limit
        2_419_200, // rating_e_decay
        200, // stickers_recent_limit
        604_800, // channels_read_media_period
        null, // tmp_sessions
        20_000, // call_receive_timeout_ms
        90_000, // call_ring_timeout_ms
        30_000, // call_connect_timeout_ms
        10_000, // call_packet_timeout_ms
        "https://t.me/", // me_url_prefix
        null, // autoupdate_url_prefix
        "gif", // gif_search_username
        "foursquare", // venue_search_username
        "bing", // img_search_username
        null, // static_maps_provider
        1_024, // caption_length_max
        4_096, // message_length_max
        1, // webfile_dc_id
        null, // suggested_lang_code
        null, // lang_pack_version
        null, // base_lang_pack_version
        null, // reactions_default
        null); // autologin_token
  }
}
