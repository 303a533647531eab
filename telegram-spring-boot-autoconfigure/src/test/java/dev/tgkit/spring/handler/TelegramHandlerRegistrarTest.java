package dev.tgkit.spring.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgkit.client.Client;
import dev.tgkit.client.events.MessageDeleted;
import dev.tgkit.client.events.NewMessage;
import dev.tgkit.client.types.Message;
import dev.tgkit.spring.autoconfigure.TestContexts;
import dev.tgkit.test.EmbeddedTelegramExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A handler method that cannot work fails the startup, naming the method and saying why. */
class TelegramHandlerRegistrarTest {

  @RegisterExtension
  final EmbeddedTelegramExtension extension = new EmbeddedTelegramExtension();

  @TempDir
  Path dir;

  private ApplicationContextRunner runner() {
    return TestContexts.runner(extension.telegram(), dir);
  }

  static class Unparsable {
    @TelegramHandler(filter = "command('/start') and")
    void broken(NewMessage message) {}
  }

  static class UnknownWord {
    @TelegramHandler(filter = "command('/start') and privte")
    void typo(NewMessage message) {}
  }

  static class ReachesOut {
    @TelegramHandler(filter = "T(java.lang.System).exit(1) == 0")
    void escape(NewMessage message) {}
  }

  static class BadRegex {
    @TelegramHandler(filter = "text('(unclosed')")
    void regex(NewMessage message) {}
  }

  static class TooManyGroups {
    @TelegramHandler(filter = "text('^order (\\d+)$')")
    void order(Message message, String number, String extra) {}
  }

  static class OddParameter {
    @TelegramHandler(filter = "incoming")
    void odd(NewMessage message, Integer what) {}
  }

  static class NoEvent {
    @TelegramHandler(filter = "incoming")
    void none(Client client) {}
  }

  static class ReplyToNothing {
    @TelegramHandler
    String deleted(MessageDeleted event) {
      return "gone";
    }
  }

  static class BadMediaKind {
    @TelegramHandler(filter = "media('sticker')")
    void sticker(NewMessage message) {}
  }

  private void failsNaming(Class<?> handlers, String method, String... reason) {
    runner().withBean(handlers).run(context -> assertThat(
            org.springframework.core.NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
        .hasMessageContaining("@TelegramHandler " + handlers.getSimpleName() + "." + method)
        .satisfies(e -> {
          for (String part : reason) {
            assertThat(e.getMessage()).contains(part);
          }
        }));
  }

  @Test
  void brokenMethodsFailStartupNamingTheMethodTheFilterAndTheProblem() {
    failsNaming(Unparsable.class, "broken", "command('/start') and", "does not parse");
    failsNaming(UnknownWord.class, "typo", "'privte'", "not a filter word");
    failsNaming(ReachesOut.class, "escape", "is not a condition");
    failsNaming(BadRegex.class, "regex", "not a regular expression");
    failsNaming(TooManyGroups.class, "order", "2 String parameters", "1 groups");
    failsNaming(OddParameter.class, "odd", "parameter 2 (Integer", "cannot be given");
    failsNaming(NoEvent.class, "none", "takes no event");
    failsNaming(ReplyToNothing.class, "deleted", "MessageDeleted is not a message");
    failsNaming(BadMediaKind.class, "sticker", "'photo', 'video' and 'audio'");
  }

  @Test
  void filterExpressionsMayUseOnlyTheFilterWords() {
    assertThat(FilterExpression.parse("command('/start') or (text('(?i)hello') and private)").toString())
        .isEqualTo("command('/start') or (text('(?i)hello') and private)");
    assertThat(FilterExpression.parse("not outgoing and chat(1, 2) and sender(3) and media('photo', 'video')"))
        .isNotNull();
    for (String escape : new String[] {"@someBean", "new java.io.File('x')", "event.client", "'a' matches 'a'",
        "T(Runtime)", "chat(1).foo", "command(text('x'))"}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> FilterExpression.parse(escape))
          .as(escape).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
