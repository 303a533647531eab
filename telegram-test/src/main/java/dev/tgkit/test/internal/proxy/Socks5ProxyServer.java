package dev.tgkit.test.internal.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.socksx.v5.DefaultSocks5CommandResponse;
import io.netty.handler.codec.socksx.v5.DefaultSocks5InitialResponse;
import io.netty.handler.codec.socksx.v5.DefaultSocks5PasswordAuthResponse;
import io.netty.handler.codec.socksx.v5.Socks5AddressType;
import io.netty.handler.codec.socksx.v5.Socks5AuthMethod;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequest;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5CommandStatus;
import io.netty.handler.codec.socksx.v5.Socks5CommandType;
import io.netty.handler.codec.socksx.v5.Socks5InitialRequest;
import io.netty.handler.codec.socksx.v5.Socks5InitialRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5Message;
import io.netty.handler.codec.socksx.v5.Socks5PasswordAuthRequest;
import io.netty.handler.codec.socksx.v5.Socks5PasswordAuthRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5PasswordAuthStatus;
import io.netty.handler.codec.socksx.v5.Socks5ServerEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;

/**
 * A real SOCKS5 proxy (<a href="https://www.rfc-editor.org/rfc/rfc1928">RFC 1928</a>) on loopback,
 * for testing clients that connect through one: it accepts no authentication or, when given
 * credentials, only username/password authentication (<a
 * href="https://www.rfc-editor.org/rfc/rfc1929">RFC 1929</a>); it serves the {@code CONNECT}
 * command, resolving the target itself, and relays bytes both ways until either side closes, then
 * closes the other.
 *
 * <pre>
 *   client --greeting--> proxy --method--> client [--user/pass--> proxy --status-->]
 *   client --CONNECT host:port--> proxy --TCP--> target;  proxy --succeeded--> client
 *   client &lt;==== bytes ====&gt; proxy &lt;==== bytes ====&gt; target
 * </pre>
 *
 * <p>{@link #tunnels()} counts the tunnels it opened, so a test can prove its traffic went through
 * the proxy. Start it with {@link #start()} or {@link #builder()}; {@link #close()} closes the
 * listener and every tunnel.
 */
public final class Socks5ProxyServer extends ProxyServerCore {

  private final byte @Nullable [] password;

  private Socks5ProxyServer(Builder b) {
    super(b.group, b.username);
    this.password = b.password == null ? null : b.password.getBytes(StandardCharsets.US_ASCII);
  }

  /** A proxy without authentication, on its own event loop. */
  public static Socks5ProxyServer start() {
    return builder().start();
  }

  /** A builder for a proxy without authentication on its own event loop. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  void install(SocketChannel ch) {
    ch.pipeline()
        .addLast(ENCODER, Socks5ServerEncoder.DEFAULT)
        .addLast(DECODER, new Socks5InitialRequestDecoder())
        .addLast(HANDSHAKE, new Handshake());
  }

  private static final String ENCODER = "socks5.encoder";
  private static final String DECODER = "socks5.decoder";
  private static final String HANDSHAKE = "socks5.handshake";

  /** Greeting, authentication and command, one decoder after another. */
  private final class Handshake extends SimpleChannelInboundHandler<Socks5Message> {

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Socks5Message msg) {
      if (msg.decoderResult().isFailure()) {
        ctx.close();
        return;
      }
      switch (msg) {
        case Socks5InitialRequest greeting -> greet(ctx, greeting);
        case Socks5PasswordAuthRequest login -> login(ctx, login);
        case Socks5CommandRequest command -> command(ctx, command);
        default -> ctx.close();
      }
    }

    private void greet(ChannelHandlerContext ctx, Socks5InitialRequest greeting) {
      Socks5AuthMethod wanted = username() == null ? Socks5AuthMethod.NO_AUTH : Socks5AuthMethod.PASSWORD;
      if (!greeting.authMethods().contains(wanted)) {
        ctx.writeAndFlush(new DefaultSocks5InitialResponse(Socks5AuthMethod.UNACCEPTED));
        ProxyServerCore.closeOnFlush(ctx.channel());
        return;
      }
      ctx.pipeline()
          .replace(
              DECODER,
              DECODER,
              username() == null ? new Socks5CommandRequestDecoder() : new Socks5PasswordAuthRequestDecoder());
      ctx.writeAndFlush(new DefaultSocks5InitialResponse(wanted));
    }

    private void login(ChannelHandlerContext ctx, Socks5PasswordAuthRequest login) {
      byte[] given = login.password().getBytes(StandardCharsets.US_ASCII);
      boolean ok =
          password != null && login.username().equals(username()) && MessageDigest.isEqual(given, password);
      if (!ok) {
        loginRejected();
        ctx.writeAndFlush(new DefaultSocks5PasswordAuthResponse(Socks5PasswordAuthStatus.FAILURE));
        ProxyServerCore.closeOnFlush(ctx.channel());
        return;
      }
      ctx.pipeline().replace(DECODER, DECODER, new Socks5CommandRequestDecoder());
      ctx.writeAndFlush(new DefaultSocks5PasswordAuthResponse(Socks5PasswordAuthStatus.SUCCESS));
    }

    private void command(ChannelHandlerContext ctx, Socks5CommandRequest command) {
      Channel client = ctx.channel();
      if (command.type() != Socks5CommandType.CONNECT) {
        client.writeAndFlush(
            new DefaultSocks5CommandResponse(
                Socks5CommandStatus.COMMAND_UNSUPPORTED, Socks5AddressType.IPv4));
        ProxyServerCore.closeOnFlush(client);
        return;
      }
      connectTarget(
          client,
          command.dstAddr(),
          command.dstPort(),
          target -> {
            if (target == null) {
              client.writeAndFlush(
                  new DefaultSocks5CommandResponse(
                      Socks5CommandStatus.HOST_UNREACHABLE, Socks5AddressType.IPv4));
              ProxyServerCore.closeOnFlush(client);
              return;
            }
            if (!client.isActive()) {
              target.close();
              return;
            }
            // Encoded on the way out, before the codec below leaves the pipeline.
            client.writeAndFlush(
                new DefaultSocks5CommandResponse(Socks5CommandStatus.SUCCESS, Socks5AddressType.IPv4));
            // This handler goes before the decoder, which hands any bytes it still holds to what
            // follows it: by then that must be the relay.
            client.pipeline().remove(HANDSHAKE);
            relay(client, target);
            client.pipeline().remove(DECODER);
            client.pipeline().remove(ENCODER);
          });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  /** Configures a {@link Socks5ProxyServer}. */
  public static final class Builder {

    private @Nullable String username;
    private @Nullable String password;
    private @Nullable EventLoopGroup group;

    private Builder() {}

    /**
     * Requires username/password authentication with these credentials.
     *
     * @throws IllegalArgumentException if either is not 1 to 255 ASCII characters
     */
    public Builder credentials(String username, String password) {
      check("username", username);
      check("password", password);
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
    public Socks5ProxyServer start() {
      return new Socks5ProxyServer(this);
    }

    private static void check(String what, String value) {
      if (value.isEmpty() || value.length() > 255 || !StandardCharsets.US_ASCII.newEncoder().canEncode(value)) {
        throw new IllegalArgumentException(
            "a SOCKS5 " + what + " is 1 to 255 ASCII characters (RFC 1929)");
      }
    }
  }
}
