package dev.tgkit.spring.autoconfigure;

import dev.tgkit.client.Client;
import dev.tgkit.mtproto.transport.ProxySecret;
import dev.tgkit.mtproto.transport.Transport;
import dev.tgkit.net.Proxy;
import dev.tgkit.session.FileStorage;
import dev.tgkit.session.Storage;
import dev.tgkit.spring.handler.TelegramHandler;
import dev.tgkit.spring.handler.TelegramHandlerRegistrar;
import io.micrometer.observation.ObservationRegistry;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Telegram {@link Client} from the {@code telegram.*} properties, connected and signed in
 * while the application context runs ({@link TelegramClientLifecycle}).
 *
 * <p>Every bean backs off when the application defines its own: a {@link Storage} (by default
 * a {@link FileStorage} named after {@code telegram.session}, or the JPA storage when a
 * {@code DataSource} exists), or a {@link Client}, whose connecting and signing in are then the
 * application's to do.
 */
@AutoConfiguration
@ConditionalOnClass(Client.class)
@ConditionalOnBooleanProperty(name = "telegram.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TelegramProperties.class)
public final class TelegramAutoConfiguration {

  /**
   * The session in a file named after {@code telegram.session} ({@code .session} is added when the
   * name has no extension), relative to the working directory.
   */
  @Bean
  @ConditionalOnMissingBean
  Storage telegramStorage(TelegramProperties properties) {
    String name = properties.getSession();
    if (name.isBlank()) {
      throw new InvalidConfigurationPropertyValueException("telegram.session", name, "the session name must not be blank");
    }
    Path file = Path.of(name);
    if (!file.getFileName().toString().contains(".")) {
      file = file.resolveSibling(file.getFileName() + ".session");
    }
    return new FileStorage(file);
  }

  /** Adds the {@link TelegramHandler} methods of every bean to the client, ours or the application's. */
  @Bean
  @ConditionalOnMissingBean
  TelegramHandlerRegistrar telegramHandlerRegistrar(ConfigurableListableBeanFactory beans, Client client) {
    return new TelegramHandlerRegistrar(beans, client);
  }

  /** The client and its lifecycle, unless the application made its own client. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(Client.class)
  static final class ClientConfiguration {

    @Bean
    Client telegramClient(TelegramProperties properties, Storage storage,
        ObjectProvider<TelegramClientCustomizer> customizers, ObjectProvider<ObservationRegistry> observations) {
      Client.Builder builder = builder(properties).storage(storage);
      observations.ifAvailable(builder::observationRegistry);
      customizers.orderedStream().forEach(c -> c.customize(builder));
      return builder.build();
    }

    @Bean
    TelegramClientLifecycle telegramClientLifecycle(Client telegramClient, TelegramProperties properties,
        ObjectProvider<LoginCodeProvider> codes) {
      return new TelegramClientLifecycle(telegramClient, properties, codes.getIfAvailable());
    }
  }

  /** The builder with every property applied; a bad value fails naming its property. */
  static Client.Builder builder(TelegramProperties p) {
    Client.Builder b = Client.builder();
    Integer apiId = p.getApiId();
    if (apiId == null) {
      throw new InvalidConfigurationPropertyValueException("telegram.api-id", null,
          "it is required: the api_id of your application from my.telegram.org (or set telegram.enabled=false)");
    }
    set("telegram.api-id", apiId, () -> b.apiId(apiId));
    String apiHash = p.getApiHash();
    if (apiHash == null) {
      throw new InvalidConfigurationPropertyValueException("telegram.api-hash", null,
          "it is required: the api_hash of your application from my.telegram.org");
    }
    set("telegram.api-hash", SECRET, () -> b.apiHash(apiHash));
    if (p.getBotToken() != null && p.getPhone() != null) {
      throw new InvalidConfigurationPropertyValueException("telegram.phone", SECRET,
          "set telegram.bot-token or telegram.phone, not both: one client signs in as one account");
    }
    if (p.getBotToken() != null && !p.getBotToken().matches("\\d+:[A-Za-z0-9_-]+")) {
      throw new InvalidConfigurationPropertyValueException("telegram.bot-token", SECRET,
          "a bot token is digits, a colon and the secret from @BotFather");
    }
    set("telegram.flood-sleep-threshold", p.getFloodSleepThreshold(), () -> b.floodSleepThreshold(p.getFloodSleepThreshold()));
    set("telegram.connect-timeout", p.getConnectTimeout(), () -> b.connectTimeout(p.getConnectTimeout()));
    set("telegram.ping-interval", p.getPingInterval(), () -> b.pingInterval(p.getPingInterval()));
    set("telegram.update-queue-limit", p.getUpdateQueueLimit(), () -> b.updateQueueLimit(p.getUpdateQueueLimit()));
    if (p.getShutdownTimeout().isNegative()) {
      throw new InvalidConfigurationPropertyValueException("telegram.shutdown-timeout", p.getShutdownTimeout(),
          "it must not be negative");
    }
    b.checkAllHandlers(p.isCheckAllHandlers());
    b.testServers(p.isTestServers());
    b.catchUp(p.isCatchUp());
    if (p.getDeviceModel() != null) {
      set("telegram.device-model", p.getDeviceModel(), () -> b.deviceModel(p.getDeviceModel()));
    }
    if (p.getSystemVersion() != null) {
      set("telegram.system-version", p.getSystemVersion(), () -> b.systemVersion(p.getSystemVersion()));
    }
    if (p.getAppVersion() != null) {
      set("telegram.app-version", p.getAppVersion(), () -> b.appVersion(p.getAppVersion()));
    }
    set("telegram.system-lang-code", p.getSystemLangCode(), () -> b.systemLangCode(p.getSystemLangCode()));
    set("telegram.lang-code", p.getLangCode(), () -> b.langCode(p.getLangCode()));
    dataCenter(p.getDatacenter(), b);
    Proxy proxy = proxy(p.getProxy());
    if (proxy != null) {
      b.proxy(proxy);
    } else {
      b.transport(p.isObfuscated() ? Transport.obfuscated(p.getTransport()) : Transport.plain(p.getTransport()));
    }
    return b;
  }

  private static void dataCenter(TelegramProperties.DataCenter dc, Client.Builder b) {
    Integer id = dc.getId();
    String host = dc.getHost();
    Integer port = dc.getPort();
    if (id == null && host == null && port == null) {
      return;
    }
    if (id == null || host == null || port == null) {
      throw new InvalidConfigurationPropertyValueException("telegram.datacenter", id + " " + host + " " + port,
          "give all of telegram.datacenter.id, .host and .port, or none");
    }
    set("telegram.datacenter", id + " " + host + ":" + port, () -> b.dataCenter(id, host, port));
  }

  private static @Nullable Proxy proxy(TelegramProperties.Proxy p) {
    TelegramProperties.ProxyType type = p.getType();
    if (type == null) {
      if (p.getHost() != null || p.getPort() != null || p.getSecret() != null) {
        throw new InvalidConfigurationPropertyValueException("telegram.proxy.type", null,
            "a proxy host, port or secret is set but no type: give socks5, http or mtproxy");
      }
      return null;
    }
    String host = p.getHost();
    Integer port = p.getPort();
    if (host == null || host.isBlank() || port == null) {
      throw new InvalidConfigurationPropertyValueException("telegram.proxy", host + ":" + port,
          "a " + type + " proxy needs telegram.proxy.host and telegram.proxy.port");
    }
    String user = p.getUsername();
    String password = p.getPassword();
    if ((user == null) != (password == null)) {
      throw new InvalidConfigurationPropertyValueException("telegram.proxy.password", SECRET,
          "give both telegram.proxy.username and telegram.proxy.password, or neither");
    }
    try {
      return switch (type) {
        case SOCKS5 -> user == null ? Proxy.socks5(host, port) : Proxy.socks5(host, port, user, password);
        case HTTP -> user == null ? Proxy.http(host, port) : Proxy.http(host, port, user, password);
        case MTPROXY -> {
          String secret = p.getSecret();
          if (secret == null) {
            throw new InvalidConfigurationPropertyValueException("telegram.proxy.secret", null,
                "an MTProxy needs its secret, in hexadecimal");
          }
          yield Proxy.mtProxy(host, port, ProxySecret.parse(secret));
        }
      };
    } catch (IllegalArgumentException e) {
      // Proxy's own messages never repeat a password or secret.
      throw new InvalidConfigurationPropertyValueException("telegram.proxy", SECRET, e.getMessage());
    }
  }

  /** What an error shows instead of a credential's value. */
  private static final String SECRET = "(hidden)";

  /** Runs {@code apply}; the builder's complaint about a value becomes one that names the property. */
  private static void set(String property, @Nullable Object shownValue, Runnable apply) {
    try {
      apply.run();
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationPropertyValueException(property, shownValue, e.getMessage());
    }
  }

}
