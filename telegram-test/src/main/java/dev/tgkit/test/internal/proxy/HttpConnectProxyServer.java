package dev.tgkit.test.internal.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * A real HTTP proxy on loopback that opens tunnels with {@code CONNECT host:port} (<a
 * href="https://www.rfc-editor.org/rfc/rfc9110#name-connect">RFC 9110 §9.3.6</a>), for testing
 * clients that connect through one. With credentials it requires Basic authentication (<a
 * href="https://www.rfc-editor.org/rfc/rfc7617">RFC 7617</a>) and answers {@code 407} to a
 * request without the right ones; other methods get {@code 405}, an unreachable target {@code
 * 502}. After {@code 200} it relays bytes both ways until either side closes, then closes the other.
 *
 * <pre>
 *   client: CONNECT host:port HTTP/1.1 [Proxy-Authorization: Basic ...]
 *   proxy --TCP--> target;  proxy: HTTP/1.1 200 Connection Established
 *   client &lt;==== bytes ====&gt; proxy &lt;==== bytes ====&gt; target
 * </pre>
 *
 * <p>{@link #tunnels()} counts the tunnels it opened, so a test can prove its traffic went through
 * the proxy. Start it with {@link #start()} or {@link #builder()}; {@link #close()} closes the
 * listener and every tunnel.
 */
public final class HttpConnectProxyServer extends ProxyServerCore {

  private static final String CODEC = "http.codec";
  private static final String AGGREGATOR = "http.aggregator";
  private static final String HANDSHAKE = "http.connect";

  private final byte @Nullable [] expectedAuthorization;

  private HttpConnectProxyServer(Builder b) {
    super(b.group, b.username);
    this.expectedAuthorization =
        b.username == null
            ? null
            : ("Basic "
                    + Base64.getEncoder()
                        .encodeToString((b.username + ":" + b.password).getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.US_ASCII);
  }

  /** A proxy without authentication, on its own event loop. */
  public static HttpConnectProxyServer start() {
    return builder().start();
  }

  /** A builder for a proxy without authentication on its own event loop. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  void install(SocketChannel ch) {
    ch.pipeline()
        .addLast(CODEC, new HttpServerCodec())
        // A CONNECT has no body; the limit only bounds what a confused client can make us hold.
        .addLast(AGGREGATOR, new HttpObjectAggregator(8192))
        .addLast(HANDSHAKE, new Handshake());
  }

  private final class Handshake extends SimpleChannelInboundHandler<FullHttpRequest> {

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      if (request.decoderResult().isFailure()) {
        refuse(ctx, HttpResponseStatus.BAD_REQUEST);
        return;
      }
      if (!HttpMethod.CONNECT.equals(request.method())) {
        refuse(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED);
        return;
      }
      if (expectedAuthorization != null && !authorized(request)) {
        loginRejected();
        FullHttpResponse response = response(HttpResponseStatus.PROXY_AUTHENTICATION_REQUIRED);
        response.headers().set(HttpHeaderNames.PROXY_AUTHENTICATE, "Basic realm=\"tgkit-test\"");
        ctx.writeAndFlush(response);
        ProxyServerCore.closeOnFlush(ctx.channel());
        return;
      }
      URI target;
      try {
        // The request target of a CONNECT is host:port (authority-form), IPv6 in brackets.
        target = new URI("tunnel://" + request.uri());
      } catch (URISyntaxException e) {
        refuse(ctx, HttpResponseStatus.BAD_REQUEST);
        return;
      }
      if (target.getHost() == null || target.getPort() < 0) {
        refuse(ctx, HttpResponseStatus.BAD_REQUEST);
        return;
      }
      String host = target.getHost().startsWith("[")
          ? target.getHost().substring(1, target.getHost().length() - 1)
          : target.getHost();
      Channel client = ctx.channel();
      connectTarget(
          client,
          host,
          target.getPort(),
          connected -> {
            if (connected == null) {
              client.writeAndFlush(response(HttpResponseStatus.BAD_GATEWAY));
              ProxyServerCore.closeOnFlush(client);
              return;
            }
            if (!client.isActive()) {
              connected.close();
              return;
            }
            // Encoded on the way out, before the codec leaves the pipeline.
            client.writeAndFlush(
                new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1, new HttpResponseStatus(200, "Connection Established")));
            // Handlers after the codec go first: the codec hands any bytes it still holds to what
            // follows it, and by then that must be the relay.
            client.pipeline().remove(HANDSHAKE);
            client.pipeline().remove(AGGREGATOR);
            relay(client, connected);
            client.pipeline().remove(CODEC);
          });
    }

    private boolean authorized(FullHttpRequest request) {
      String given = request.headers().get(HttpHeaderNames.PROXY_AUTHORIZATION);
      return given != null
          && expectedAuthorization != null
          && MessageDigest.isEqual(given.getBytes(StandardCharsets.US_ASCII), expectedAuthorization);
    }

    private void refuse(ChannelHandlerContext ctx, HttpResponseStatus status) {
      ctx.writeAndFlush(response(status));
      ProxyServerCore.closeOnFlush(ctx.channel());
    }

    private FullHttpResponse response(HttpResponseStatus status) {
      FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
      response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      return response;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  /** Configures an {@link HttpConnectProxyServer}. */
  public static final class Builder {

    private @Nullable String username;
    private @Nullable String password;
    private @Nullable EventLoopGroup group;

    private Builder() {}

    /**
     * Requires Basic authentication with these credentials.
     *
     * @throws IllegalArgumentException if the username is empty or contains ':'
     */
    public Builder credentials(String username, String password) {
      if (username.isEmpty() || username.indexOf(':') >= 0) {
        throw new IllegalArgumentException(
            "a Basic authentication user name is non-empty and has no ':' (RFC 7617)");
      }
      this.username = username;
      this.password = password;
      return this;
    }

    /** Runs on {@code group}, which {@link #close()} then leaves running. */
    public Builder eventLoopGroup(EventLoopGroup group) {
      this.group = group;
      return this;
    }

    /** Binds an ephemeral loopback port and starts accepting. */
    public HttpConnectProxyServer start() {
      return new HttpConnectProxyServer(this);
    }
  }
}
