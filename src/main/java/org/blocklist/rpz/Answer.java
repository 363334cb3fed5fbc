package org.blocklist.rpz;

import static java.util.Objects.requireNonNull;

/** What the server does with one incoming message. */
sealed interface Answer {
  /** Nothing: not a query (a response, or less than a header). */
  Answer DROP = new Drop();

  /** One message; {@code onWritten} runs once it is written. */
  record Reply(byte[] wire, Runnable onWritten) implements Answer {
    public Reply {
      requireNonNull(wire, "wire");
      requireNonNull(onWritten, "onWritten");
    }

    Reply(byte[] wire) {
      this(wire, () -> {});
    }
  }

  /** A zone transfer, over TCP; {@code onWritten} runs once its last message is written. */
  record Transfer(TransferStream stream, Runnable onWritten) implements Answer {
    public Transfer {
      requireNonNull(stream, "stream");
      requireNonNull(onWritten, "onWritten");
    }
  }

  record Drop() implements Answer {}
}
