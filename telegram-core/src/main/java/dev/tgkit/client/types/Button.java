package dev.tgkit.client.types;

import dev.tgkit.tl.Bytes;
import dev.tgkit.tl.api.KeyboardButton;
import dev.tgkit.tl.api.KeyboardButtonCallback;
import dev.tgkit.tl.api.KeyboardButtonCtor;
import dev.tgkit.tl.api.KeyboardButtonRow;
import dev.tgkit.tl.api.KeyboardButtonRowCtor;
import dev.tgkit.tl.api.KeyboardButtonUrl;
import dev.tgkit.tl.api.ReplyInlineMarkup;
import dev.tgkit.tl.api.ReplyKeyboardMarkup;
import dev.tgkit.tl.api.ReplyMarkup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A button of a bot's message (<a href="https://core.telegram.org/api/bots/buttons">buttons</a>):
 * {@link Callback} and {@link Url} buttons sit under the message; {@link Text} buttons replace
 * the user's keyboard and send their text when pressed. One message has buttons of one of the
 * two kinds. Only bots can send buttons.
 */
public sealed interface Button permits Button.Callback, Button.Url, Button.Text {

  /** The label. */
  String text();

  /** Sends {@code data} (at most 64 bytes) back to the bot when pressed. */
  record Callback(String text, byte[] data) implements Button {
    public Callback {
      label(text);
      if (data.length == 0 || data.length > 64) {
        throw new IllegalArgumentException("callback data is 1 to 64 bytes, got " + data.length);
      }
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Callback c && c.text.equals(text) && Arrays.equals(c.data, data);
    }

    @Override
    public int hashCode() {
      return text.hashCode() * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "Callback[" + text + ", " + data.length + " bytes]";
    }
  }

  /** Opens {@code url} when pressed. */
  record Url(String text, String url) implements Button {
    public Url {
      label(text);
      if (url.isBlank()) {
        throw new IllegalArgumentException("a URL button needs a URL");
      }
    }
  }

  /** A keyboard key that sends its label as a message. */
  record Text(String text) implements Button {
    public Text {
      label(text);
    }
  }

  static Callback callback(String text, byte[] data) {
    return new Callback(text, data);
  }

  static Url url(String text, String url) {
    return new Url(text, url);
  }

  static Text text(String text) {
    return new Text(text);
  }

  private static void label(String text) {
    if (text.isBlank()) {
      throw new IllegalArgumentException("a button needs a label");
    }
  }

  /**
   * The markup for rows of buttons.
   *
   * @throws IllegalArgumentException if there are none, or keyboard keys are mixed with inline buttons
   */
  static ReplyMarkup markup(List<List<Button>> rows) {
    List<KeyboardButtonRow> tl = new ArrayList<>();
    int keys = 0;
    int inline = 0;
    for (List<Button> row : rows) {
      if (row.isEmpty()) {
        throw new IllegalArgumentException("a row of buttons cannot be empty");
      }
      List<KeyboardButton> buttons = new ArrayList<>();
      for (Button b : row) {
        switch (b) {
          case Callback c -> {
            inline++;
            buttons.add(new KeyboardButtonCallback(false, null, c.text(), Bytes.wrap(c.data())));
          }
          case Url u -> {
            inline++;
            buttons.add(new KeyboardButtonUrl(null, u.text(), u.url()));
          }
          case Text t -> {
            keys++;
            buttons.add(new KeyboardButtonCtor(null, t.text()));
          }
        }
      }
      tl.add(new KeyboardButtonRowCtor(buttons));
    }
    if (tl.isEmpty()) {
      throw new IllegalArgumentException("no buttons given");
    }
    if (keys > 0 && inline > 0) {
      throw new IllegalArgumentException(
          "one message has either keyboard keys (Text) or inline buttons (Callback, Url), not both");
    }
    return keys > 0 ? ReplyKeyboardMarkup.builder(tl).resize(true).build() : new ReplyInlineMarkup(tl);
  }

  /** The buttons of {@code markup}, row by row; kinds this client does not know are left out. */
  static List<List<Button>> of(ReplyMarkup markup) {
    List<KeyboardButtonRow> rows = switch (markup) {
      case ReplyInlineMarkup m -> m.rows();
      case ReplyKeyboardMarkup m -> m.rows();
      default -> List.of();
    };
    List<List<Button>> out = new ArrayList<>();
    for (KeyboardButtonRow row : rows) {
      List<Button> buttons = new ArrayList<>();
      for (KeyboardButton b : ((KeyboardButtonRowCtor) row).buttons()) {
        Optional<Button> known = switch (b) {
          case KeyboardButtonCallback c -> Optional.of(new Callback(c.text(), c.data().toByteArray()));
          case KeyboardButtonUrl u -> Optional.of(new Url(u.text(), u.url()));
          case KeyboardButtonCtor t -> Optional.of(new Text(t.text()));
          default -> Optional.empty();
        };
        known.ifPresent(buttons::add);
      }
      if (!buttons.isEmpty()) {
        out.add(List.copyOf(buttons));
      }
    }
    return List.copyOf(out);
  }
}
