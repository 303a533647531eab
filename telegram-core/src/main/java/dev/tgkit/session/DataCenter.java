package dev.tgkit.session;

import dev.tgkit.crypto.AuthKey;
import org.jspecify.annotations.Nullable;

/**
 * One data center as the session knows it: where to connect, and the auth key made with it, if
 * any (<a href="https://core.telegram.org/api/datacenter">data centers</a>).
 *
 * @param id the data center id (1..5 in production; test servers reuse the ids)
 * @param host an IPv4 or IPv6 address, or a host name
 * @param port the TCP port
 * @param authKey the permanent auth key made with this data center, or null before one exists
 */
public record DataCenter(int id, String host, int port, @Nullable AuthKey authKey) {

  public DataCenter {
    if (id <= 0) {
      throw new IllegalArgumentException("a data center id is positive, got " + id);
    }
    if (host.isBlank()) {
      throw new IllegalArgumentException("data center " + id + " needs a host");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("data center " + id + ": port " + port + " is not 1..65535");
    }
  }

  /** The same data center with {@code key} (or none). */
  public DataCenter withAuthKey(@Nullable AuthKey key) {
    return new DataCenter(id, host, port, key);
  }

  /** The same data center at another address, keeping its auth key (keys belong to the DC). */
  public DataCenter withAddress(String newHost, int newPort) {
    return new DataCenter(id, newHost, newPort, authKey);
  }

  @Override
  public String toString() {
    // AuthKey's own toString shows only its id; say no more than whether one exists.
    return "DataCenter[id=" + id + ", " + host + ":" + port + (authKey == null ? ", no auth key]" : ", " + authKey + "]");
  }
}
