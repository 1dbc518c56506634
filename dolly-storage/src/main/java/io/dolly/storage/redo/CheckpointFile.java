package io.dolly.storage.redo;

import io.dolly.storage.FileFormat;
import io.dolly.storage.InstanceId;
import io.dolly.storage.StorageException;
import io.dolly.storage.io.IoFailures;
import io.dolly.storage.io.StorageFile;
import io.dolly.storage.io.StorageFileSystem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * {@code #innodb_redo/#ib_redo_checkpoint}: two {@link #SLOT_SIZE}-byte slots written alternately,
 * so that a write torn by a power loss damages only one and the other still names a valid, older
 * checkpoint. Recovery uses the valid slot with the highest number. The file also fixes the
 * instance's page size and instance id. Slot layout (big-endian):
 *
 * <pre>
 * offset size field
 *      0    4 magic         "DCKP"
 *      4    4 version       {@link #VERSION}
 *      8   16 instance id
 *     24    8 number        increases by one per checkpoint; slot = number % 2
 *     32    8 checkpoint LSN
 *     40    4 page size
 *     44    4 CRC32C of [0, 44)
 * </pre>
 */
public final class CheckpointFile {
  public static final String NAME = "#ib_redo_checkpoint";
  public static final int SLOT_SIZE = 512;
  public static final int MAGIC = 0x44434b50; // "DCKP"
  public static final int VERSION = 1;

  private final StorageFile file;
  private Checkpoint last;

  private CheckpointFile(StorageFile file, Checkpoint last) {
    this.file = file;
    this.last = last;
  }

  public static CheckpointFile create(
      StorageFileSystem fs, Path redoDir, InstanceId instance, int pageSize, long lsn) {
    try {
      fs.createDirectories(redoDir);
      StorageFile f = fs.create(redoDir.resolve(NAME));
      CheckpointFile cf = new CheckpointFile(f, null);
      cf.writeSlot(new Checkpoint(1, lsn, pageSize, instance));
      fs.syncDirectory(redoDir);
      return cf;
    } catch (IOException e) {
      throw IoFailures.wrap(redoDir.resolve(NAME), "creating", e);
    }
  }

  public static CheckpointFile open(StorageFileSystem fs, Path redoDir) {
    Path p = redoDir.resolve(NAME);
    try {
      StorageFile f = fs.open(p);
      ByteBuffer b = ByteBuffer.allocate(2 * SLOT_SIZE);
      f.readFully(b, 0);
      Checkpoint best = null;
      for (int slot = 0; slot < 2; slot++) {
        int at = slot * SLOT_SIZE;
        CRC32C crc = new CRC32C();
        crc.update(b.array(), at, 44);
        if ((int) crc.getValue() != b.getInt(at + 44)) {
          continue;
        }
        FileFormat.check(
            p, "checkpoint", b.getInt(at), MAGIC, b.getInt(at + 4), VERSION, null, null);
        Checkpoint c =
            new Checkpoint(
                b.getLong(at + 24),
                b.getLong(at + 32),
                b.getInt(at + 40),
                InstanceId.read(b, at + 8));
        if (best == null || c.number() > best.number()) {
          best = c;
        }
      }
      if (best == null) {
        f.close();
        throw new StorageException("no valid checkpoint in " + p + " (both slots damaged)");
      }
      return new CheckpointFile(f, best);
    } catch (IOException e) {
      throw IoFailures.wrap(p, "opening", e);
    }
  }

  public synchronized Checkpoint last() {
    return last;
  }

  /** Writes the next checkpoint into the other slot and fsyncs it. */
  public synchronized void write(long lsn) throws IOException {
    writeSlot(new Checkpoint(last.number() + 1, lsn, last.pageSize(), last.instance()));
  }

  private void writeSlot(Checkpoint c) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(SLOT_SIZE);
    b.putInt(0, MAGIC);
    b.putInt(4, VERSION);
    c.instance().write(b, 8);
    b.putLong(24, c.number());
    b.putLong(32, c.lsn());
    b.putInt(40, c.pageSize());
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, 44);
    b.putInt(44, (int) crc.getValue());
    file.writeFully(b, (c.number() % 2) * SLOT_SIZE);
    file.force();
    last = c;
  }

  public void close() throws IOException {
    file.close();
  }
}
