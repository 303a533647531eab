package dev.tgkit.spring.handler;

import dev.tgkit.client.Client;
import dev.tgkit.client.events.Event;
import dev.tgkit.client.events.EventHandler;
import dev.tgkit.client.events.MessageEvent;
import dev.tgkit.client.events.NewMessage;
import dev.tgkit.client.filters.Filter;
import dev.tgkit.client.filters.Filters;
import dev.tgkit.client.types.Message;
import dev.tgkit.client.types.OutgoingMessage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Finds the {@link TelegramHandler} methods of every bean once all singletons exist (before the
 * client connects, so no update is missed) and adds them to the {@link Client} in {@link Order}
 * order. Every method is checked first: one that cannot work fails the startup, naming it.
 */
public final class TelegramHandlerRegistrar implements SmartInitializingSingleton {

  private final ConfigurableListableBeanFactory beans;
  private final Client client;

  public TelegramHandlerRegistrar(ConfigurableListableBeanFactory beans, Client client) {
    this.beans = beans;
    this.client = client;
  }

  /** One handler method, checked and ready to add. */
  private record Found(String name, int order, int index, Class<? extends Event> type, Filter filter,
      EventHandler<Event> handler) {}

  @Override
  public void afterSingletonsInstantiated() {
    List<Found> found = new ArrayList<>();
    for (String beanName : beans.getBeanNamesForType(Object.class, false, false)) {
      Class<?> type = beans.getType(beanName, false);
      if (type == null) {
        continue;
      }
      Class<?> user = ClassUtils.getUserClass(type);
      Map<Method, TelegramHandler> methods = MethodIntrospector.selectMethods(user,
          (MethodIntrospector.MetadataLookup<TelegramHandler>) m ->
              AnnotatedElementUtils.findMergedAnnotation(m, TelegramHandler.class));
      for (Map.Entry<Method, TelegramHandler> e : methods.entrySet()) {
        Method method = AopUtils.selectInvocableMethod(e.getKey(), type);
        found.add(check(beanName, user, method, e.getValue(), found.size()));
      }
    }
    found.sort(Comparator.comparingInt(Found::order).thenComparingInt(Found::index));
    for (Found f : found) {
      client.on(f.name(), f.type(), f.filter(), f.handler());
    }
  }

  private Found check(String beanName, Class<?> beanType, Method method, TelegramHandler annotation, int index) {
    String name = beanType.getSimpleName() + "." + method.getName();
    try {
      FilterExpression expression = annotation.filter().isBlank() ? null : FilterExpression.parse(annotation.filter());
      Filter filter = expression == null ? Filters.any() : expression;
      Class<? extends Event> eventType = null;
      List<Function<Event, @Nullable Object>> arguments = new ArrayList<>();
      int groups = 0;
      Parameter[] parameters = method.getParameters();
      for (int i = 0; i < parameters.length; i++) {
        Parameter p = parameters[i];
        Class<?> t = p.getType();
        if (Event.class.isAssignableFrom(t) && t != Event.class) {
          eventType = only(eventType, t.asSubclass(Event.class), describe(p, i));
          arguments.add(event -> event);
        } else if (t == Message.class) {
          eventType = only(eventType, NewMessage.class, describe(p, i));
          arguments.add(event -> event);
        } else if (t == Client.class) {
          arguments.add(event -> client);
        } else if (t == String.class) {
          int group = ++groups;
          arguments.add(event -> event instanceof MessageEvent m
              ? m.match().map(r -> group <= r.groupCount() ? r.group(group) : null).orElse(null)
              : null);
        } else {
          throw new IllegalArgumentException("parameter " + describe(p, i) + " cannot be given: a handler takes its event (NewMessage, MessageEdited, MessageDeleted or Message), "
              + "the Client, and Strings for the groups of its text(...) filter");
        }
      }
      if (eventType == null) {
        throw new IllegalArgumentException("it takes no event: give it a NewMessage, MessageEdited, MessageDeleted "
            + "or Message parameter");
      }
      if (groups > 0) {
        List<Pattern> texts = expression == null ? List.of() : expression.texts();
        if (texts.size() != 1) {
          throw new IllegalArgumentException("its String parameters take the groups of the filter's text(...), so "
              + "the filter must have exactly one text(...), not " + texts.size());
        }
        int available = texts.getFirst().matcher("").groupCount();
        if (groups > available) {
          throw new IllegalArgumentException("it has " + groups + " String parameters but the filter's text('"
              + texts.getFirst().pattern() + "') has " + available + " groups");
        }
      }
      Class<?> returns = method.getReturnType();
      boolean replies = returns == String.class || returns == OutgoingMessage.class;
      if (!replies && returns != void.class) {
        throw new IllegalArgumentException("it returns " + returns.getSimpleName()
            + ": a handler returns void, or a String or OutgoingMessage to reply with");
      }
      if (replies && !MessageEvent.class.isAssignableFrom(eventType)) {
        throw new IllegalArgumentException("it returns a reply, but a " + eventType.getSimpleName()
            + " is not a message to reply to");
      }
      ReflectionUtils.makeAccessible(method);
      Object bean = beans.getBean(beanName);
      EventHandler<Event> handler = event -> {
        Object[] args = new Object[arguments.size()];
        for (int i = 0; i < args.length; i++) {
          args[i] = arguments.get(i).apply(event);
        }
        Object result;
        try {
          result = method.invoke(bean, args);
        } catch (InvocationTargetException e) {
          throw e.getCause() instanceof Exception cause ? cause : new IllegalStateException(e.getCause());
        }
        switch (result) {
          case String text -> ((Message) event).reply(text);
          case OutgoingMessage message -> ((Message) event).reply(message);
          case null, default -> { }
        }
      };
      Order order = AnnotatedElementUtils.findMergedAnnotation(method, Order.class);
      return new Found(name, order == null ? Ordered.LOWEST_PRECEDENCE : order.value(), index, eventType, filter,
          handler);
    } catch (IllegalArgumentException e) {
      // Not chained: the message says it all, and startup failure reports show the root cause.
      throw new IllegalStateException("@TelegramHandler " + name + " (filter \"" + annotation.filter() + "\"): "
          + e.getMessage());
    }
  }

  private static Class<? extends Event> only(@Nullable Class<? extends Event> seen, Class<? extends Event> type,
      String parameter) {
    if (seen != null) {
      throw new IllegalArgumentException("parameter " + parameter + " is a second event; a handler takes one");
    }
    return type;
  }

  /** "2 (Integer what)", or "2 (Integer)" when compiled without {@code -parameters}. */
  private static String describe(Parameter p, int index) {
    return (index + 1) + " (" + p.getType().getSimpleName() + (p.isNamePresent() ? " " + p.getName() : "") + ")";
  }

}
