package dev.tgkit.spring.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method as a handler of Telegram events.
 *
 * <p>The event type is the type of the parameter that takes it: {@code NewMessage}, {@code
 * MessageEdited} or {@code MessageDeleted}, or {@code Message} for new messages. Other parameters
 * may be the {@code Client}, and {@code String}s, which take the groups of the filter's {@code
 * text(...)} regular expression in order (group 1 first). A {@code String} or {@code
 * OutgoingMessage} returned is sent as a reply to the message; {@code void} or null sends nothing.
 *
 * <pre>{@code
 * @TelegramHandler(filter = "command('/start') and private")
 * String start(NewMessage message) {
 *   return "Hello, " + message.sender().map(Peer::name).orElse("you") + "!";
 * }
 *
 * @TelegramHandler(filter = "text('^order (\\d+)$')")
 * String order(Message message, String number) { ... }
 * }</pre>
 *
 * <p>Handlers are tried in {@link org.springframework.core.annotation.Order @Order} (then
 * registration) order, and the first whose filter passes runs, as with {@code Client.on}. A
 * method whose filter does not parse, names an unknown word, or takes a parameter that cannot
 * be given fails the application's startup, naming the method.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TelegramHandler {

  /**
   * Which events the method handles: a Spring expression over the event, true to handle it; empty
   * handles every event of its type. The words:
   *
   * <ul>
   *   <li>{@code command('/start')}: the text starts with the command, alone or as {@code
   *       /start@thisbot};
   *   <li>{@code text('regex')}: the regular expression is found in the text (its groups go to
   *       the method's {@code String} parameters);
   *   <li>{@code incoming}, {@code outgoing}, {@code forward}, {@code reply}, {@code media} or
   *       {@code media('photo', 'video', 'audio')};
   *   <li>{@code private}, {@code group}, {@code channel}: the kind of chat;
   *   <li>{@code chat(123, 456)}, {@code sender(789)}: the chat's or the sender's id is one of those;
   * </ul>
   *
   * combined with {@code and}, {@code or}, {@code not} and parentheses.
   */
  String filter() default "";
}
