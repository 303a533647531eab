package dev.tgkit.test;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Raw MTProto sessions ({@link RealClient}) on the embedded Telegram for a test class, registered
 * on a static field: one event loop group for the class, every session closed after its test.
 */
final class RealSessions implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

  private EventLoopGroup group;
  private final List<RealClient> clients = new ArrayList<>();

  @Override
  public void beforeAll(ExtensionContext context) {
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    clients.forEach(RealClient::close);
    clients.clear();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** A session on {@code telegram}'s DC 1 whose auth key is signed in as {@code account}. */
  RealClient signedIn(EmbeddedTelegram telegram, TestUser account) throws Exception {
    RealClient client = RealClient.attached(group, telegram.dataCenter(1));
    clients.add(client);
    telegram.dataCenter(1).authorize(client.authKeyId(), account.id());
    return client;
  }
}
