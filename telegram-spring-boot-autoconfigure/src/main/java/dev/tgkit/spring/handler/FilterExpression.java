package dev.tgkit.spring.handler;

import dev.tgkit.client.events.Event;
import dev.tgkit.client.filters.Filter;
import dev.tgkit.client.filters.Media;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.BooleanLiteral;
import org.springframework.expression.spel.ast.IntLiteral;
import org.springframework.expression.spel.ast.LongLiteral;
import org.springframework.expression.spel.ast.MethodReference;
import org.springframework.expression.spel.ast.OpAnd;
import org.springframework.expression.spel.ast.OpOr;
import org.springframework.expression.spel.ast.OperatorNot;
import org.springframework.expression.spel.ast.PropertyOrFieldReference;
import org.springframework.expression.spel.ast.StringLiteral;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.SimpleEvaluationContext;

/**
 * A {@link TelegramHandler#filter()} expression, parsed and checked once: only the {@link
 * FilterWords} words, {@code and}, {@code or}, {@code not}, parentheses and literals are allowed,
 * so an expression can neither reach other beans or classes nor fail on an unknown word while
 * the application runs. Evaluated per event against a read-only context.
 */
final class FilterExpression implements Filter {

  private static final SpelExpressionParser PARSER = new SpelExpressionParser();

  private final String source;
  private final SpelExpression expression;
  // The patterns of the text(...) calls by their source, compiled once while checking.
  private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();
  // Holds no state of an evaluation (the event is the root object of each), so one serves every event.
  private final EvaluationContext context = SimpleEvaluationContext.forReadOnlyDataBinding()
      .withInstanceMethods()
      .build();
  private final List<Pattern> texts = new ArrayList<>();

  private FilterExpression(String source, SpelExpression expression) {
    this.source = source;
    this.expression = expression;
  }

  /**
   * Parses and checks {@code source}.
   *
   * @throws IllegalArgumentException saying what is wrong and where, if it is not a filter
   */
  static FilterExpression parse(String source) {
    SpelExpression parsed;
    try {
      parsed = (SpelExpression) PARSER.parseExpression(source);
    } catch (ParseException e) {
      throw new IllegalArgumentException("it does not parse: " + e.getSimpleMessage() + " at position " + e.getPosition());
    }
    FilterExpression filter = new FilterExpression(source, parsed);
    SpelNode root = parsed.getAST();
    if (!isBoolean(root)) {
      throw new IllegalArgumentException("it is not a condition: '" + root.toStringAST()
          + "' is neither a word nor joined with and, or, not");
    }
    filter.check(root);
    return filter;
  }

  private static boolean isBoolean(SpelNode node) {
    return node instanceof OpAnd || node instanceof OpOr || node instanceof OperatorNot
        || node instanceof MethodReference || node instanceof PropertyOrFieldReference || node instanceof BooleanLiteral;
  }

  private void check(SpelNode node) {
    switch (node) {
      case OpAnd n -> checkOperands(node);
      case OpOr n -> checkOperands(node);
      case OperatorNot n -> checkOperands(node);
      case BooleanLiteral n -> { }
      case PropertyOrFieldReference p -> {
        if (!FilterWords.WORDS.contains(p.getName()) || p.getName().equals("text") || p.getName().equals("command")
            || p.getName().equals("chat") || p.getName().equals("sender")) {
          throw unknown(p.getName(), p.getStartPosition());
        }
      }
      case MethodReference m -> checkCall(m);
      default -> throw new IllegalArgumentException("'" + node.toStringAST() + "' at position " + node.getStartPosition()
          + " is not allowed: only the filter words, and, or, not, parentheses and literals are");
    }
  }

  private void checkOperands(SpelNode node) {
    for (int i = 0; i < node.getChildCount(); i++) {
      SpelNode child = node.getChild(i);
      if (!isBoolean(child)) {
        throw new IllegalArgumentException("'" + child.toStringAST() + "' at position " + child.getStartPosition()
            + " is not a condition");
      }
      check(child);
    }
  }

  private void checkCall(MethodReference call) {
    String name = call.getName();
    if (!FilterWords.WORDS.contains(name) || List.of("incoming", "outgoing", "forward", "reply", "private", "group",
        "channel").contains(name)) {
      throw unknown(name + "(...)", call.getStartPosition());
    }
    List<Object> args = new ArrayList<>();
    for (int i = 0; i < call.getChildCount(); i++) {
      SpelNode arg = call.getChild(i);
      switch (arg) {
        case StringLiteral s -> args.add(s.getLiteralValue().getValue());
        case IntLiteral n -> args.add(n.getLiteralValue().getValue());
        case LongLiteral n -> args.add(n.getLiteralValue().getValue());
        default -> throw new IllegalArgumentException("the arguments of " + name + "(...) must be literals, not '"
            + arg.toStringAST() + "'");
      }
    }
    boolean strings = args.stream().allMatch(String.class::isInstance);
    boolean numbers = args.stream().allMatch(a -> a instanceof Integer || a instanceof Long);
    switch (name) {
      case "command" -> {
        if (args.size() != 1 || !strings) {
          throw new IllegalArgumentException("command(...) takes one string, such as command('/start')");
        }
      }
      case "text" -> {
        if (args.size() != 1 || !strings) {
          throw new IllegalArgumentException("text(...) takes one regular expression, such as text('^hello')");
        }
        String regex = (String) args.getFirst();
        try {
          Pattern pattern = Pattern.compile(regex);
          patterns.put(regex, pattern);
          texts.add(pattern);
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException("text('" + regex + "') is not a regular expression: " + e.getDescription()
              + " near index " + e.getIndex());
        }
      }
      case "media" -> {
        if (!strings) {
          throw new IllegalArgumentException("media(...) takes kinds of media: 'photo', 'video', 'audio'");
        }
        for (Object kind : args) {
          try {
            Media.Kind.valueOf(((String) kind).toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("media('" + kind + "'): the kinds are 'photo', 'video' and 'audio'");
          }
        }
      }
      case "chat", "sender" -> {
        if (args.isEmpty() || !numbers) {
          throw new IllegalArgumentException(name + "(...) takes ids, such as " + name + "(123456789)");
        }
      }
      default -> throw unknown(name, call.getStartPosition());
    }
  }

  private static IllegalArgumentException unknown(String word, int position) {
    return new IllegalArgumentException("'" + word + "' at position " + position + " is not a filter word; they are "
        + "command('/x'), text('regex'), incoming, outgoing, forward, reply, media, media('photo'), private, group, "
        + "channel, chat(id, ...), sender(id, ...)");
  }

  /** The patterns of the expression's {@code text(...)} calls, in order. */
  List<Pattern> texts() {
    return List.copyOf(texts);
  }

  @Override
  public boolean test(Event event) {
    return Boolean.TRUE.equals(expression.getValue(context, new FilterWords(event, patterns), Boolean.class));
  }

  @Override
  public String toString() {
    return source;
  }
}
