package dev.tgkit.client;

import dev.tgkit.session.DataCenter;
import dev.tgkit.session.Session;
import dev.tgkit.tl.api.DcOption;
import dev.tgkit.tl.api.DcOptionCtor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses one address per data center from {@code config.dc_options} (<a
 * href="https://core.telegram.org/api/datacenter">data centers</a>): the addresses a plain
 * client can use, skipping CDN and media-only ones and those that demand an MTProxy-style
 * secret or obfuscation ({@code tcpo_only}). IPv4 is preferred unless asked otherwise.
 */
final class DcOptions {

  private DcOptions() {}

  /** The usable address of each data center, in the order the config first names them. */
  static Map<Integer, DcOptionCtor> select(List<DcOption> options, boolean preferIpv6) {
    Map<Integer, DcOptionCtor> chosen = new LinkedHashMap<>();
    for (DcOption option : options) {
      if (!(option instanceof DcOptionCtor o) || o.cdn() || o.mediaOnly() || o.tcpoOnly() || o.secret() != null) {
        continue;
      }
      DcOptionCtor current = chosen.get(o.id());
      if (current == null || (current.ipv6() != preferIpv6 && o.ipv6() == preferIpv6)) {
        chosen.put(o.id(), o);
      }
    }
    return chosen;
  }

  /**
   * {@code session} with the addresses of {@code options}: known data centers move to their new
   * address and keep their auth keys; new ones are added without keys.
   */
  static Session apply(Session session, List<DcOption> options, boolean preferIpv6) {
    Session next = session;
    for (DcOptionCtor o : select(options, preferIpv6).values()) {
      next = next.with(next.dc(o.id())
          .map(dc -> dc.withAddress(o.ipAddress(), o.port()))
          .orElseGet(() -> new DataCenter(o.id(), o.ipAddress(), o.port(), null)));
    }
    return next;
  }
}
