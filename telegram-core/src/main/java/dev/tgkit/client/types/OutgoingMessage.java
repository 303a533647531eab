package dev.tgkit.client.types;

import dev.tgkit.client.parsers.FormattedText;
import dev.tgkit.client.parsers.Html;
import dev.tgkit.client.parsers.Markdown;
import dev.tgkit.tl.api.MessageEntity;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A message to send or an edit to make: its text and how it goes out. Immutable; each {@code
 * with}-style method returns a changed copy.
 *
 * <pre>{@code
 * client.sendMessage(chat, OutgoingMessage.text("done").replyTo(42).silent(true));
 * }</pre>
 */
public final class OutgoingMessage {

  private final String text;
  private final List<MessageEntity> entities;
  private final int replyTo;
  private final boolean linkPreview;
  private final boolean silent;
  private final List<List<Button>> buttons;

  private OutgoingMessage(String text, List<MessageEntity> entities, int replyTo, boolean linkPreview, boolean silent) {
    this(text, entities, replyTo, linkPreview, silent, List.of());
  }

  private OutgoingMessage(String text, List<MessageEntity> entities, int replyTo, boolean linkPreview, boolean silent,
      List<List<Button>> buttons) {
    this.text = Objects.requireNonNull(text, "text");
    this.entities = List.copyOf(entities);
    this.replyTo = replyTo;
    this.linkPreview = linkPreview;
    this.silent = silent;
    this.buttons = buttons.stream().map(List::copyOf).toList();
  }

  /** Plain text, sent as it is. */
  public static OutgoingMessage text(String text) {
    return new OutgoingMessage(text, List.of(), 0, false, false);
  }

  /**
   * CommonMark markdown: {@code **bold**}, {@code *italic*}, {@code ~~strike~~}, links, {@code
   * tg://user?ref=} mentions, code. See {@link Markdown}.
   *
   * @throws dev.tgkit.client.parsers.MarkupException saying where the markdown is wrong
   */
  public static OutgoingMessage markdown(String markdown) {
    FormattedText parsed = Markdown.parse(markdown);
    return new OutgoingMessage(parsed.text(), parsed.entities(), 0, false, false);
  }

  /**
   * HTML: {@code <b>}, {@code <i>}, {@code <u>}, {@code <s>}, {@code <a href>}, {@code <code>},
   * {@code <pre>}, {@code <blockquote>}, {@code <details>} (spoiler). See {@link Html}.
   *
   * @throws dev.tgkit.client.parsers.MarkupException saying where the HTML is wrong
   */
  public static OutgoingMessage html(String html) {
    FormattedText parsed = Html.parse(html);
    return new OutgoingMessage(parsed.text(), parsed.entities(), 0, false, false);
  }

  /**
   * Text with its formatting as Telegram's entities (offsets in UTF-16 code units).
   *
   * @throws IllegalArgumentException if an entity is empty or reaches outside the text, which
   *     Telegram would refuse ({@code ENTITY_BOUNDS_INVALID})
   */
  public static OutgoingMessage formatted(String text, List<MessageEntity> entities) {
    FormattedText checked = new FormattedText(text, entities);
    return new OutgoingMessage(checked.text(), checked.entities(), 0, false, false);
  }

  /** The same, replying to message {@code messageId} of the chat it is sent to. */
  public OutgoingMessage replyTo(int messageId) {
    if (messageId <= 0) {
      throw new IllegalArgumentException("a message id is positive, got " + messageId);
    }
    return new OutgoingMessage(text, entities, messageId, linkPreview, silent, buttons);
  }

  /** The same, letting Telegram show a preview of the first link (default: no preview). */
  public OutgoingMessage linkPreview(boolean allowed) {
    return new OutgoingMessage(text, entities, replyTo, allowed, silent, buttons);
  }

  /** The same, sent without a notification. */
  public OutgoingMessage silent(boolean silent) {
    return new OutgoingMessage(text, entities, replyTo, linkPreview, silent, buttons);
  }

  /**
   * The same, with buttons, row by row: inline ones ({@link Button.Callback}, {@link Button.Url})
   * or keyboard keys ({@link Button.Text}), not both. Only bots can send buttons.
   *
   * @throws IllegalArgumentException if a row is empty or the kinds are mixed
   */
  public OutgoingMessage buttons(List<List<Button>> rows) {
    Button.markup(rows); // checks them now, not when sending
    return new OutgoingMessage(text, entities, replyTo, linkPreview, silent, rows);
  }

  /** The buttons, row by row; empty for none. */
  public List<List<Button>> buttons() {
    return buttons;
  }

  /** The buttons as Telegram takes them, or null for none. */
  public dev.tgkit.tl.api.@org.jspecify.annotations.Nullable ReplyMarkup replyMarkup() {
    return buttons.isEmpty() ? null : Button.markup(buttons);
  }

  /** The text without formatting. */
  public String text() {
    return text;
  }

  public List<MessageEntity> entities() {
    return entities;
  }

  /** The message this one replies to. */
  public OptionalInt replyTo() {
    return replyTo == 0 ? OptionalInt.empty() : OptionalInt.of(replyTo);
  }

  public boolean linkPreview() {
    return linkPreview;
  }

  public boolean silent() {
    return silent;
  }

  @Override
  public String toString() {
    return "OutgoingMessage[" + text.length() + " chars" + (replyTo == 0 ? "" : ", reply to " + replyTo) + "]";
  }
}
