package dev.tgkit.spring.autoconfigure;

import dev.tgkit.mtproto.transport.Framing;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code telegram.*} properties. {@code api-id} and {@code api-hash} come from
 * <a href="https://my.telegram.org">my.telegram.org</a>; then either {@code bot-token} (a bot) or
 * {@code phone} (a user account, whose login code a {@code LoginCodeProvider} bean supplies).
 *
 * <p>The API hash, the bot token, the phone number and the proxy's password and secret are
 * credentials: nothing here prints them.
 */
@ConfigurationProperties("telegram")
public class TelegramProperties {

  /** Whether to create the Telegram client. */
  private boolean enabled = true;

  /** The application's api_id from my.telegram.org. */
  private @Nullable Integer apiId;

  /** The application's api_hash from my.telegram.org: 32 hexadecimal digits. */
  private @Nullable String apiHash;

  /** The bot token from @BotFather ("123456:ABC..."); the client signs in as this bot when it starts. */
  private @Nullable String botToken;

  /**
   * The phone number of a user account to sign in as, in international format. A login code is
   * asked of the LoginCodeProvider bean; without one the client starts unauthorized.
   */
  private @Nullable String phone;

  /** The name the session is stored under: one name per account, never shared by two running clients. */
  private String session = "telegram";

  /**
   * Whether to use Telegram's test servers instead of production: separate accounts (a number
   * such as 9996612345 signs in with its sixth digit five times, 11111) and a session of their own.
   */
  private boolean testServers;

  /** How frames are delimited on the wire. */
  private Framing transport = Framing.INTERMEDIATE;

  /** Whether to obfuscate the connection so that it does not look like MTProto to a network filter. */
  private boolean obfuscated;

  /** The longest FLOOD_WAIT the client sleeps through before retrying; a longer one is raised. */
  private Duration floodSleepThreshold = Duration.ofSeconds(60);

  /** How long connecting to a data center may take before it counts as failed. */
  private Duration connectTimeout = Duration.ofSeconds(10);

  /** How often an idle connection is pinged to keep it alive and notice when it dies. */
  private Duration pingInterval = Duration.ofSeconds(60);

  /** How long stopping the application waits for running handlers to finish before disconnecting under them. */
  private Duration shutdownTimeout = Duration.ofSeconds(10);

  /**
   * Whether the client, when it starts, hands the handlers what arrived while the application was
   * stopped (private chats and small groups; not yet channels), rather than skipping it.
   */
  private boolean catchUp;

  /** Whether every handler whose filter passes runs, rather than only the first. */
  private boolean checkAllHandlers;

  /** How many updates may wait for their handlers before new ones are dropped (with a warning). */
  private int updateQueueLimit = 10_000;

  /** The device model sent to Telegram (shown in the account's list of sessions); the machine's by default. */
  private @Nullable String deviceModel;

  /** The operating system version sent to Telegram; the machine's by default. */
  private @Nullable String systemVersion;

  /** The application version sent to Telegram; tgkit's by default. */
  private @Nullable String appVersion;

  /** The system language, an ISO 639-1 code. */
  private String systemLangCode = "en";

  /** The language of the application, an ISO 639-1 code. */
  private String langCode = "en";

  /** A data center to connect to instead of Telegram's: its id and address. */
  private final DataCenter datacenter = new DataCenter();

  /** A proxy to connect through. */
  private final Proxy proxy = new Proxy();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public @Nullable Integer getApiId() {
    return apiId;
  }

  public void setApiId(@Nullable Integer apiId) {
    this.apiId = apiId;
  }

  public @Nullable String getApiHash() {
    return apiHash;
  }

  public void setApiHash(@Nullable String apiHash) {
    this.apiHash = apiHash;
  }

  public @Nullable String getBotToken() {
    return botToken;
  }

  public void setBotToken(@Nullable String botToken) {
    this.botToken = botToken;
  }

  public @Nullable String getPhone() {
    return phone;
  }

  public void setPhone(@Nullable String phone) {
    this.phone = phone;
  }

  public String getSession() {
    return session;
  }

  public void setSession(String session) {
    this.session = session;
  }

  public boolean isTestServers() {
    return testServers;
  }

  public void setTestServers(boolean testServers) {
    this.testServers = testServers;
  }

  public Framing getTransport() {
    return transport;
  }

  public void setTransport(Framing transport) {
    this.transport = transport;
  }

  public boolean isObfuscated() {
    return obfuscated;
  }

  public void setObfuscated(boolean obfuscated) {
    this.obfuscated = obfuscated;
  }

  public Duration getFloodSleepThreshold() {
    return floodSleepThreshold;
  }

  public void setFloodSleepThreshold(Duration floodSleepThreshold) {
    this.floodSleepThreshold = floodSleepThreshold;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Duration getPingInterval() {
    return pingInterval;
  }

  public void setPingInterval(Duration pingInterval) {
    this.pingInterval = pingInterval;
  }

  public Duration getShutdownTimeout() {
    return shutdownTimeout;
  }

  public void setShutdownTimeout(Duration shutdownTimeout) {
    this.shutdownTimeout = shutdownTimeout;
  }

  public boolean isCatchUp() {
    return catchUp;
  }

  public void setCatchUp(boolean catchUp) {
    this.catchUp = catchUp;
  }

  public boolean isCheckAllHandlers() {
    return checkAllHandlers;
  }

  public void setCheckAllHandlers(boolean checkAllHandlers) {
    this.checkAllHandlers = checkAllHandlers;
  }

  public int getUpdateQueueLimit() {
    return updateQueueLimit;
  }

  public void setUpdateQueueLimit(int updateQueueLimit) {
    this.updateQueueLimit = updateQueueLimit;
  }

  public @Nullable String getDeviceModel() {
    return deviceModel;
  }

  public void setDeviceModel(@Nullable String deviceModel) {
    this.deviceModel = deviceModel;
  }

  public @Nullable String getSystemVersion() {
    return systemVersion;
  }

  public void setSystemVersion(@Nullable String systemVersion) {
    this.systemVersion = systemVersion;
  }

  public @Nullable String getAppVersion() {
    return appVersion;
  }

  public void setAppVersion(@Nullable String appVersion) {
    this.appVersion = appVersion;
  }

  public String getSystemLangCode() {
    return systemLangCode;
  }

  public void setSystemLangCode(String systemLangCode) {
    this.systemLangCode = systemLangCode;
  }

  public String getLangCode() {
    return langCode;
  }

  public void setLangCode(String langCode) {
    this.langCode = langCode;
  }

  public DataCenter getDatacenter() {
    return datacenter;
  }

  public Proxy getProxy() {
    return proxy;
  }

  @Override
  public String toString() {
    // Only what is safe to log: never the hash, token, phone or proxy credentials.
    return "TelegramProperties[apiId=" + apiId + ", session=" + session + ", bot=" + (botToken != null)
        + ", user=" + (phone != null) + "]";
  }

  /** A data center to connect to instead of Telegram's. */
  public static class DataCenter {

    /** The data center's id (1..5 on Telegram); the session's keys are kept per id. */
    private @Nullable Integer id;

    /** The data center's host name or IP address. */
    private @Nullable String host;

    /** The data center's TCP port. */
    private @Nullable Integer port;

    public @Nullable Integer getId() {
      return id;
    }

    public void setId(@Nullable Integer id) {
      this.id = id;
    }

    public @Nullable String getHost() {
      return host;
    }

    public void setHost(@Nullable String host) {
      this.host = host;
    }

    public @Nullable Integer getPort() {
      return port;
    }

    public void setPort(@Nullable Integer port) {
      this.port = port;
    }
  }

  /** A proxy to connect through. */
  public static class Proxy {

    /** The kind of proxy; none if unset. */
    private @Nullable ProxyType type;

    /** The proxy's host name or IP address. */
    private @Nullable String host;

    /** The proxy's TCP port. */
    private @Nullable Integer port;

    /** The user name, for a SOCKS5 or HTTP proxy that asks for one. */
    private @Nullable String username;

    /** The password, for a SOCKS5 or HTTP proxy that asks for one. */
    private @Nullable String password;

    /** An MTProxy's secret, in hexadecimal (a "dd" or "ee" prefix included). */
    private @Nullable String secret;

    public @Nullable ProxyType getType() {
      return type;
    }

    public void setType(@Nullable ProxyType type) {
      this.type = type;
    }

    public @Nullable String getHost() {
      return host;
    }

    public void setHost(@Nullable String host) {
      this.host = host;
    }

    public @Nullable Integer getPort() {
      return port;
    }

    public void setPort(@Nullable Integer port) {
      this.port = port;
    }

    public @Nullable String getUsername() {
      return username;
    }

    public void setUsername(@Nullable String username) {
      this.username = username;
    }

    public @Nullable String getPassword() {
      return password;
    }

    public void setPassword(@Nullable String password) {
      this.password = password;
    }

    public @Nullable String getSecret() {
      return secret;
    }

    public void setSecret(@Nullable String secret) {
      this.secret = secret;
    }
  }

  /** The kinds of proxy. */
  public enum ProxyType {
    /** A SOCKS5 proxy. */
    SOCKS5,
    /** An HTTP proxy that tunnels with CONNECT. */
    HTTP,
    /** Telegram's MTProxy. */
    MTPROXY
  }
}
