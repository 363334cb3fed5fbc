package org.blocklist.rpz;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;

/**
 * A zone transfer over TCP as a stream of DNS messages, each made when the connection can take it
 * ({@code ChunkedWriteHandler} pulls them), so only one message of the zone exists at a time. Every
 * message carries as many records as fit in {@value #MAX_MESSAGE_BYTES} bytes and is framed with
 * its two-byte length (RFC 1035 section 4.2.2). Records are counted at their compressed size
 * ({@link Packing}): every owner name ends in the origin, which the message's first name puts
 * within reach of a compression pointer; should a message still come out too long, its last records
 * go to the next one. The question is in the first message only (RFC 5936 section 2.2). With a TSIG
 * key every message is signed, chained to the query's and to the previous message's MAC (RFC 8945
 * section 5.3.1).
 */
final class TransferStream implements ChunkedInput<ByteBuf> {
  /** Largest DNS message over TCP (RFC 1035: a two-byte length). */
  static final int MAX_MESSAGE_BYTES = 65_535;

  private final Message query;
  private final Name origin;
  private final Iterator<Record> records;
  private final Optional<TSIG.StreamGenerator> signer;
  private final int budget;
  private final Runnable onClose;
  private final Deque<Record> carried = new ArrayDeque<>();
  private boolean started;
  private boolean closed;
  private long messages;

  /**
   * @param query the query answered (its id and question are copied)
   * @param origin the zone's origin, which every owner name ends in
   * @param key the verified key of the query, to sign with, if any
   * @param onClose run once when the stream ends, whether written whole or abandoned
   */
  TransferStream(
      Message query, Name origin, Iterator<Record> records, Optional<TSIG> key, Runnable onClose) {
    this.query = requireNonNull(query, "query");
    this.origin = requireNonNull(origin, "origin");
    this.records = requireNonNull(records, "records");
    this.onClose = requireNonNull(onClose, "onClose");
    this.signer = key.map(k -> new TSIG.StreamGenerator(k, query.getTSIG()));
    this.budget = MAX_MESSAGE_BYTES - key.map(TSIG::recordLength).orElse(0);
  }

  @Override
  public boolean isEndOfInput() {
    return started && carried.isEmpty() && !records.hasNext();
  }

  @Override
  @Deprecated
  public ByteBuf readChunk(ChannelHandlerContext ctx) {
    return readChunk(ctx.alloc());
  }

  @Override
  public ByteBuf readChunk(ByteBufAllocator allocator) {
    if (isEndOfInput()) {
      return null;
    }
    byte[] wire = nextMessage();
    ByteBuf frame = allocator.buffer(2 + wire.length);
    frame.writeShort(wire.length);
    frame.writeBytes(wire);
    messages++;
    return frame;
  }

  private byte[] nextMessage() {
    boolean first = !started;
    started = true;
    List<Record> answer = new ArrayList<>();
    Packing packing = new Packing(origin, first ? query.getQuestion() : null);
    while (!carried.isEmpty() || records.hasNext()) {
      Record r = carried.isEmpty() ? records.next() : carried.poll();
      if (!answer.isEmpty() && packing.size() + packing.estimate(r) > budget) {
        carried.push(r);
        break;
      }
      packing.add(r);
      answer.add(r);
    }
    while (true) {
      Message m = message(first, answer);
      byte[] unsigned = m.toWire();
      if (unsigned.length <= budget || answer.size() == 1) {
        signer.ifPresent(s -> s.generate(m));
        return signer.isPresent() ? m.toWire() : unsigned;
      }
      List<Record> tail = answer.subList(answer.size() / 2, answer.size());
      for (int i = tail.size() - 1; i >= 0; i--) {
        carried.push(tail.get(i));
      }
      tail.clear();
    }
  }

  private Message message(boolean first, List<Record> answer) {
    Message m = new Message(query.getHeader().getID());
    Header h = m.getHeader();
    h.setFlag(Flags.QR);
    h.setFlag(Flags.AA);
    h.setOpcode(Opcode.QUERY);
    if (first) {
      m.addRecord(query.getQuestion(), Section.QUESTION);
    }
    for (Record r : answer) {
      m.addRecord(r, Section.ANSWER);
    }
    return m;
  }

  /**
   * The size of a message as records are added: each name after the first is counted as its labels
   * below the origin and a pointer, each CNAME target after the first as a pointer (the root as its
   * one byte).
   */
  static final class Packing {
    private final Name origin;
    private int size = Header.LENGTH;
    private boolean named;
    private Name target;

    Packing(Name origin, Record question) {
      this.origin = origin;
      if (question != null) {
        size += question.getName().length() + 4;
        named = true;
      }
    }

    int size() {
      return size;
    }

    void add(Record r) {
      size += estimate(r);
      named = true;
      if (r instanceof CNAMERecord c && target == null) {
        target = c.getTarget();
      }
    }

    int estimate(Record r) {
      Name owner = r.getName();
      int name =
          named && owner.subdomain(origin) ? owner.length() - origin.length() + 2 : owner.length();
      int rdata;
      if (r instanceof CNAMERecord c) {
        Name t = c.getTarget();
        rdata = t.equals(Name.root) ? 1 : t.equals(target) ? 2 : t.length();
      } else {
        rdata = r.rdataToWireCanonical().length;
      }
      return name + 10 + rdata;
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      onClose.run();
    }
  }

  @Override
  public long length() {
    return -1;
  }

  /** Messages made so far. */
  @Override
  public long progress() {
    return messages;
  }
}
