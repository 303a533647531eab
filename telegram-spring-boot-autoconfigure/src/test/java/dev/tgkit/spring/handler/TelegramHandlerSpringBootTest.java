package dev.tgkit.spring.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.client.Client;
import dev.tgkit.client.events.NewMessage;
import dev.tgkit.client.types.Message;
import dev.tgkit.client.types.OutgoingMessage;
import dev.tgkit.spring.autoconfigure.TelegramClientCustomizer;
import dev.tgkit.test.TestDataCenter;
import dev.tgkit.test.EmbeddedTelegram;
import dev.tgkit.test.TestMessage;
import dev.tgkit.test.TestUser;
import dev.tgkit.tl.api.help.GetConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Spring Boot application with {@code @TelegramHandler} methods, its client signed in as a bot
 * of the embedded Telegram over TCP: each method gets only the messages its filter selects, in
 * {@code @Order}, and a returned String or OutgoingMessage reaches the user as a reply. Its
 * actuator shows the client's health and metrics, and neither they nor the logs show a secret.
 */
@SpringBootTest(classes = TelegramHandlerSpringBootTest.App.class,
    properties = "management.endpoints.web.exposure.include=health,metrics")
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class TelegramHandlerSpringBootTest {

  private static final String TOKEN = "424242:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
  private static final EmbeddedTelegram TELEGRAM = EmbeddedTelegram.builder().start();
  private static final TestUser BOT = TELEGRAM.createBot(TOKEN, "spring_bot");
  private static final TestUser ALICE = TELEGRAM.createUser("9996612345", "Alice");

  @DynamicPropertySource
  static void telegram(DynamicPropertyRegistry properties) throws Exception {
    TestDataCenter dc = TELEGRAM.dataCenter(1);
    Path dir = Files.createTempDirectory("tgkit-spring");
    properties.add("telegram.api-id", () -> 12345);
    properties.add("telegram.api-hash", () -> "0123456789abcdef0123456789abcdef");
    properties.add("telegram.bot-token", () -> TOKEN);
    properties.add("telegram.session", () -> dir.resolve("bot").toString());
    properties.add("telegram.datacenter.id", () -> 1);
    properties.add("telegram.datacenter.host", dc::host);
    properties.add("telegram.datacenter.port", dc::port);
  }

  @AfterAll
  static void stop() {
    TELEGRAM.close();
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import(Handlers.class)
  static class App {
    @Bean
    TelegramClientCustomizer embeddedTelegramKeys() {
      return builder -> builder.publicKeys(TELEGRAM.publicKeys());
    }
  }

  @Component
  static class Handlers {
    final List<String> started = Collections.synchronizedList(new ArrayList<>());
    final List<String> orders = Collections.synchronizedList(new ArrayList<>());
    final List<String> rest = Collections.synchronizedList(new ArrayList<>());

    @TelegramHandler(filter = "command('/start') and private")
    String start(NewMessage message) {
      started.add(message.text());
      return "Hello, " + message.sender().map(dev.tgkit.client.types.Peer::name).orElse("you") + "!";
    }

    @Order(1) // before the catch-all, which is added earlier but has no order
    @TelegramHandler(filter = "text('^order (\\d+) of (\\w+)$') and incoming")
    OutgoingMessage order(Message message, String number, Client client, String what) {
      orders.add(number + " " + what);
      return OutgoingMessage.markdown("order **#" + number + "** (" + what + ") taken by " + client.getMe().orElseThrow().name());
    }

    @TelegramHandler(filter = "incoming and not command('/start')")
    void everythingElse(NewMessage message) {
      rest.add(message.text());
      if (message.text().equals("fail, please")) {
        throw new IllegalStateException("failing as asked");
      }
    }
  }

  @Autowired
  Handlers handlers;

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import(BrokenHandler.class)
  static class BrokenApp {
    @Bean
    TelegramClientCustomizer embeddedTelegramKeys() {
      return builder -> builder.publicKeys(TELEGRAM.publicKeys());
    }
  }

  @Component
  static class BrokenHandler {
    @TelegramHandler(filter = "command('/start') or")
    void greet(NewMessage message) {}
  }

  @Test
  void aBrokenExpressionFailsTheApplicationsStartupNamingTheMethod() {
    TestDataCenter dc = TELEGRAM.dataCenter(1);
    var application = new org.springframework.boot.builder.SpringApplicationBuilder(BrokenApp.class)
        .properties("telegram.api-id=12345", "telegram.api-hash=0123456789abcdef0123456789abcdef",
            "telegram.bot-token=" + TOKEN, "telegram.datacenter.id=1", "telegram.datacenter.host=" + dc.host(),
            "telegram.datacenter.port=" + dc.port(), "telegram.session=broken-app",
            "spring.main.banner-mode=off");
    assertThatThrownBy(application::run)
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("@TelegramHandler BrokenHandler.greet")
        .hasMessageContaining("command('/start') or");
  }

  @Test
  void eachHandlerGetsOnlyItsMessagesAndItsReturnArrivesAsAReply() throws Exception {
    ALICE.sendMessage(BOT, "/start");
    ALICE.sendMessage(BOT, "order 42 of tea");
    ALICE.sendMessage(BOT, "just chatting");

    List<TestMessage> replies = ALICE.awaitMessages(BOT, 2, Duration.ofSeconds(10));
    assertThat(replies).extracting(TestMessage::text)
        .containsExactlyInAnyOrder("Hello, Alice!", "order #42 (tea) taken by spring_bot");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!handlers.rest.contains("just chatting") && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(handlers.started).containsExactly("/start");
    assertThat(handlers.orders).containsExactly("42 tea");
    assertThat(handlers.rest).contains("just chatting").doesNotContain("/start", "order 42 of tea");
  }

  @Autowired
  org.springframework.boot.micrometer.metrics.actuate.endpoint.MetricsEndpoint metrics;

  @Autowired
  org.springframework.boot.health.actuate.endpoint.HealthEndpoint health;

  @Autowired
  Client client;

  @Test
  void updatesHandlerRunsFloodWaitsAndReconnectsAreMeteredByTheirTags() throws Exception {
    ALICE.sendMessage(BOT, "fail, please");
    TELEGRAM.faults().answerError(GetConfig.class, 420, "FLOOD_WAIT_1", 1);
    client.invoke(new GetConfig()); // slept through the wait, then answered
    int dropped = TELEGRAM.dataCenter(1).dropConnections();
    assertThat(dropped).isPositive();

    awaitMeter("telegram.handler", "handler", "Handlers.everythingElse", "outcome", "error");
    awaitMeter("telegram.updates", "type", "UpdateShortMessage");
    awaitMeter("telegram.flood.wait", "method", "help.getConfig", "rpc.error", "FLOOD_WAIT");
    awaitMeter("telegram.connection", "dc", "1", "kind", "reconnect");
    awaitMeter("telegram.rpc", "method", "help.getConfig", "outcome", "success", "rpc.error", "none");
    TELEGRAM.faults().answerError(dev.tgkit.tl.api.users.GetUsers.class, 400, "USER_ID_INVALID", 1);
    assertThatThrownBy(() -> client.invoke(new dev.tgkit.tl.api.users.GetUsers(List.of()))).hasMessageContaining("USER_ID_INVALID");
    awaitMeter("telegram.rpc", "method", "users.getUsers", "outcome", "rpc_error", "rpc.error", "USER_ID_INVALID");
  }

  /** Waits until {@code name} has a measurement with the given tags (key, value pairs). */
  private void awaitMeter(String name, String... tags) throws InterruptedException {
    List<String> wanted = new ArrayList<>();
    for (int i = 0; i < tags.length; i += 2) {
      wanted.add(tags[i] + ":" + tags[i + 1]);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (metrics.metric(name, wanted) == null && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    var meter = metrics.metric(name, wanted);
    var all = metrics.metric(name, List.of());
    assertThat(meter).as(name + " " + wanted + " among "
        + (all == null ? "no such meter" : all.getAvailableTags().stream().map(t -> t.getTag() + "=" + t.getValues()).toList()))
        .isNotNull();
    assertThat(meter.getMeasurements()).anySatisfy(m -> {
      assertThat(m.getStatistic().name()).isEqualTo("COUNT");
      assertThat(m.getValue()).isPositive();
    });
  }

  @Test
  void theActuatorShowsTelegramHealthAndRpcMetricsAndNoSecretAnywhere(
      org.springframework.boot.test.system.CapturedOutput output) {
    var rpc = metrics.metric("telegram.rpc", List.of());
    assertThat(rpc).isNotNull();
    assertThat(rpc.getAvailableTags()).anySatisfy(tag -> {
      assertThat(tag.getTag()).isEqualTo("method");
      assertThat(tag.getValues()).contains("help.getConfig", "auth.importBotAuthorization");
    });
    var telegram = health.healthForPath("telegram");
    assertThat(telegram).isNotNull();
    assertThat(telegram.getStatus().getCode()).isEqualTo("UP");

    String secret = TOKEN.substring(TOKEN.indexOf(':') + 1);
    String everything = output.getAll() + telegram + metrics.listNames().getNames()
        + metrics.metric("telegram.rpc", List.of()).getAvailableTags().stream().map(t -> t.getValues().toString()).toList();
    assertThat(output.getAll()).contains("signed in as"); // the capture did see the startup
    assertThat(everything).doesNotContain(secret).doesNotContain("0123456789abcdef0123456789abcdef")
        .doesNotContain("9996612345");
  }
}
