package ai.lychee.rerank.worker.lite.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of one protobuf message, read from and written back to the wire format with no generated classes:
 * enough to edit an ONNX graph (ONNX files are protobuf) without pulling in protobuf and the ONNX schema.
 * Fields are views into the bytes they were read from, nested messages included, so opening a 34 MB model
 * copies none of its weights; a field that is not changed is written back byte for byte as it was read.
 */
public final class ProtoFields {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    /** One field as on the wire: {@code source[start, end)} is its whole encoding, key included. */
    public record Field(int number, int wireType, byte[] source, int start, int end, int valueStart) {

        int length() {
            return end - start;
        }

        /** The fields of a nested message, as views into the same bytes. */
        public ProtoFields message() {
            requireLengthDelimited();
            return parse(source, valueStart, end);
        }

        public String string() {
            requireLengthDelimited();
            return new String(source, valueStart, end - valueStart, StandardCharsets.UTF_8);
        }

        private void requireLengthDelimited() {
            if (wireType != LENGTH_DELIMITED) {
                throw new IllegalStateException("field " + number + " is not length-delimited");
            }
        }

        /** A new length-delimited field holding a message made of these fields. */
        public static Field ofMessage(int number, List<Field> fields) {
            return ofBytes(number, write(fields));
        }

        public static Field ofString(int number, String value) {
            return ofBytes(number, value.getBytes(StandardCharsets.UTF_8));
        }

        private static Field ofBytes(int number, byte[] value) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 10);
            writeVarint(out, ((long) number << 3) | LENGTH_DELIMITED);
            writeVarint(out, value.length);
            int valueStart = out.size();
            out.writeBytes(value);
            byte[] encoded = out.toByteArray();
            return new Field(number, LENGTH_DELIMITED, encoded, 0, encoded.length, valueStart);
        }
    }

    private final List<Field> fields;

    private ProtoFields(List<Field> fields) {
        this.fields = fields;
    }

    public static ProtoFields parse(byte[] message) {
        return parse(message, 0, message.length);
    }

    static ProtoFields parse(byte[] message, int from, int to) {
        List<Field> fields = new ArrayList<>();
        int[] at = {from};
        while (at[0] < to) {
            int start = at[0];
            long key = readVarint(message, at, to);
            int number = (int) (key >>> 3);
            int wireType = (int) (key & 7);
            long length = switch (wireType) {
                case VARINT -> {
                    readVarint(message, at, to);
                    yield 0;
                }
                case FIXED64 -> 8;
                case FIXED32 -> 4;
                case LENGTH_DELIMITED -> readVarint(message, at, to);
                default -> throw new IllegalArgumentException("unsupported protobuf wire type " + wireType + " at byte " + start);
            };
            int valueStart = wireType == VARINT ? start : at[0];
            if (length < 0 || length > to - at[0]) {
                throw new IllegalArgumentException("malformed protobuf message: field at byte " + start + " runs past the end");
            }
            if (number == 0) {
                throw new IllegalArgumentException("malformed protobuf message: field number 0 at byte " + start);
            }
            at[0] += (int) length;
            fields.add(new Field(number, wireType, message, start, at[0], valueStart));
        }
        return new ProtoFields(fields);
    }

    public List<Field> all() {
        return fields;
    }

    /** Every field with this number, in order (a repeated field). */
    public List<Field> all(int number) {
        return fields.stream().filter(f -> f.number() == number).toList();
    }

    /** The strings of a repeated string field, in order. */
    public List<String> strings(int number) {
        return all(number).stream().map(Field::string).toList();
    }

    /** The first string of this field number, or "" (protobuf's default). */
    public String string(int number) {
        return fields.stream().filter(f -> f.number() == number).findFirst().map(Field::string).orElse("");
    }

    /** The fields one after another: one array, each field copied once. */
    public static byte[] write(List<Field> fields) {
        long size = 0;
        for (Field f : fields) {
            size += f.length();
        }
        byte[] out = new byte[Math.toIntExact(size)];
        int at = 0;
        for (Field f : fields) {
            System.arraycopy(f.source(), f.start(), out, at, f.length());
            at += f.length();
        }
        return out;
    }

    /**
     * A message whose field {@code number} is a nested message made of {@code nested}: written in one array
     * without first building the nested message on its own (for a model, that would be a second copy of it).
     */
    public static byte[] writeWithNested(List<Field> fields, int number, List<Field> nested) {
        long nestedSize = 0;
        for (Field f : nested) {
            nestedSize += f.length();
        }
        ByteArrayOutputStream header = new ByteArrayOutputStream(16);
        writeVarint(header, ((long) number << 3) | LENGTH_DELIMITED);
        writeVarint(header, nestedSize);
        byte[] head = header.toByteArray();
        List<Field> flat = new ArrayList<>(fields.size() + nested.size());
        for (Field f : fields) {
            if (f.number() == number) {
                flat.add(new Field(number, LENGTH_DELIMITED, head, 0, head.length, head.length));
                flat.addAll(nested);
            } else {
                flat.add(f);
            }
        }
        return write(flat);
    }

    private static long readVarint(byte[] b, int[] at, int to) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= to) {
                throw new IllegalArgumentException("malformed protobuf message: truncated varint at byte " + at[0]);
            }
            byte c = b[at[0]++];
            value |= (long) (c & 0x7f) << shift;
            if ((c & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("malformed protobuf message: varint longer than 10 bytes");
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }
}
