package dev.tgkit.demo;

import dev.tgkit.client.events.NewMessage;
import dev.tgkit.client.types.Message;
import dev.tgkit.client.types.OutgoingMessage;
import dev.tgkit.client.types.Peer;
import dev.tgkit.spring.handler.TelegramHandler;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The bot: a greeting, help, a markdown reply, and an echo of anything else said to it in private. */
@Component
public class DemoBot {

  static final String HELP = """
      I am tgkit's demo bot. I know:
      /start - a greeting
      /help - this text
      /shout <words> - your words, loud and bold
      Anything else I say back to you.""";

  @Order(1)
  @TelegramHandler(filter = "command('/start')")
  String start(NewMessage message) {
    String name = message.sender().map(Peer::name).filter(n -> !n.isBlank()).orElse("there");
    return "Hello, " + name + "! Send /help to see what I can do.";
  }

  @Order(2)
  @TelegramHandler(filter = "command('/help')")
  String help(NewMessage message) {
    return HELP;
  }

  @Order(3)
  @TelegramHandler(filter = "text('^/shout(?:@\\w+)? (.+)$')")
  OutgoingMessage shout(Message message, String words) {
    return OutgoingMessage.markdown("**" + escape(words.toUpperCase(java.util.Locale.ROOT)) + "!**");
  }

  @Order(4)
  @TelegramHandler(filter = "incoming and private and not text('^/')")
  @org.jspecify.annotations.Nullable String echo(Message message) {
    return message.text().isBlank() ? null : message.text(); // a photo without caption: nothing to say back
  }

  /** Keeps the user's words from being read as markdown. */
  private static String escape(String text) {
    return text.replaceAll("([\\\\`*_\\[\\]()~>#+\\-=|{}.!])", "\\\\$1");
  }
}
