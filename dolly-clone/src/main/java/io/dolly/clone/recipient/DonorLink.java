package io.dolly.clone.recipient;

import io.dolly.clone.wire.CloneRequest;
import io.dolly.clone.wire.CloneResponse;
import io.dolly.clone.wire.CompleteResponse;
import io.dolly.clone.wire.ErrorResponse;
import io.dolly.protocol.wire.PacketChannel;
import java.io.Closeable;
import java.io.IOException;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

/**
 * One recipient connection to the donor in clone mode (after COM_CLONE was answered OK): sends
 * requests and reads responses, turning a donor's ERROR into 3862 {@code Clone Donor Error: <errno>
 * : <message>.} and anything malformed into 3863.
 */
public final class DonorLink implements Closeable {
  private final PacketChannel channel;
  private final Closeable connection;
  private final String tlsCipher;

  /**
   * @param connection what {@link #close} closes (the client connection owning the channel)
   * @param tlsCipher the TLS cipher suite of the connection, or null on plain TCP
   */
  public DonorLink(PacketChannel channel, Closeable connection, String tlsCipher) {
    this.channel = channel;
    this.connection = connection;
    this.tlsCipher = tlsCipher;
  }

  public String tlsCipher() {
    return tlsCipher;
  }

  public void setReadTimeoutMillis(int millis) throws SocketException {
    channel.setReadTimeoutMillis(millis);
  }

  /** Sends a request; its responses follow through {@link #next}. */
  public void start(CloneRequest request) throws IOException {
    channel.resetSequence();
    channel.send(request.encode());
  }

  /** The next response; ERROR is thrown as 3862. */
  public CloneResponse next() throws IOException {
    CloneResponse r = CloneResponse.decode(channel.readPayload());
    if (r instanceof ErrorResponse e) {
      throw e.toDonorError();
    }
    return r;
  }

  /** Sends a request and reads its answer up to COMPLETE. */
  public List<CloneResponse> exchange(CloneRequest request) throws IOException {
    start(request);
    List<CloneResponse> out = new ArrayList<>();
    for (CloneResponse r = next(); !(r instanceof CompleteResponse); r = next()) {
      out.add(r);
    }
    return out;
  }

  /** Closes the connection at once (no EXIT): what a failed or killed clone does. */
  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException | RuntimeException ignored) {
      // Closing anyway.
    }
    try {
      connection.close();
    } catch (IOException | RuntimeException ignored) {
      // Already closed with the channel.
    }
  }
}
