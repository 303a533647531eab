package dev.tgkit.spring.autoconfigure.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import org.jspecify.annotations.Nullable;

/** One data center of a stored session: a row of {@code tgkit_session_dc}. */
@Embeddable
class DataCenterRow {

  @Column(name = "dc_id", nullable = false)
  private int dcId;

  @Column(name = "host", nullable = false, length = 255)
  private String host = "";

  @Column(name = "port", nullable = false)
  private int port;

  // The permanent auth key: it signs in as the account. Never logged, never in toString().
  @Column(name = "auth_key", length = 256)
  private byte @Nullable [] authKey;

  protected DataCenterRow() {}

  DataCenterRow(int dcId, String host, int port, byte @Nullable [] authKey) {
    this.dcId = dcId;
    this.host = host;
    this.port = port;
    this.authKey = authKey;
  }

  int dcId() {
    return dcId;
  }

  String host() {
    return host;
  }

  int port() {
    return port;
  }

  byte @Nullable [] authKey() {
    return authKey;
  }

  @Override
  public String toString() {
    return "DataCenterRow[" + dcId + ", " + host + ":" + port + (authKey == null ? ", no auth key]" : ", auth key]");
  }
}
