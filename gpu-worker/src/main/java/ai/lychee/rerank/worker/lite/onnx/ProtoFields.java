package ai.lychee.rerank.worker.lite.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of one protobuf message, read from and written back to the wire format with no generated classes:
 * enough to edit an ONNX graph (ONNX files are protobuf) without pulling in protobuf and the ONNX schema.
 * A field that is not changed is written back byte for byte as it was read.
 */
public final class ProtoFields {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    /** One field as on the wire: its number, wire type, and its whole encoding (key included). */
    public record Field(int number, int wireType, byte[] encoded, int valueOffset) {

        /** The payload of a length-delimited field (a string, bytes or a nested message). */
        public byte[] bytes() {
            if (wireType != LENGTH_DELIMITED) {
                throw new IllegalStateException("field " + number + " is not length-delimited");
            }
            byte[] out = new byte[encoded.length - valueOffset];
            System.arraycopy(encoded, valueOffset, out, 0, out.length);
            return out;
        }

        public String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        public static Field ofBytes(int number, byte[] value) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 10);
            writeVarint(out, ((long) number << 3) | LENGTH_DELIMITED);
            writeVarint(out, value.length);
            int offset = out.size();
            out.writeBytes(value);
            return new Field(number, LENGTH_DELIMITED, out.toByteArray(), offset);
        }

        public static Field ofString(int number, String value) {
            return ofBytes(number, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final List<Field> fields;

    private ProtoFields(List<Field> fields) {
        this.fields = fields;
    }

    public static ProtoFields parse(byte[] message) {
        List<Field> fields = new ArrayList<>();
        int[] at = {0};
        while (at[0] < message.length) {
            int start = at[0];
            long key = readVarint(message, at);
            int number = (int) (key >>> 3);
            int wireType = (int) (key & 7);
            int valueOffset;
            switch (wireType) {
                case VARINT -> {
                    valueOffset = at[0] - start;
                    readVarint(message, at);
                }
                case FIXED64 -> {
                    valueOffset = at[0] - start;
                    at[0] += 8;
                }
                case FIXED32 -> {
                    valueOffset = at[0] - start;
                    at[0] += 4;
                }
                case LENGTH_DELIMITED -> {
                    long length = readVarint(message, at);
                    if (length < 0 || length > message.length - at[0]) {
                        throw new IllegalArgumentException("malformed protobuf message: field at byte " + start + " runs past the end");
                    }
                    valueOffset = at[0] - start;
                    at[0] += (int) length;
                }
                default -> throw new IllegalArgumentException("unsupported protobuf wire type " + wireType + " at byte " + start);
            }
            if (at[0] > message.length || number == 0) {
                throw new IllegalArgumentException("malformed protobuf message at byte " + start);
            }
            byte[] encoded = new byte[at[0] - start];
            System.arraycopy(message, start, encoded, 0, encoded.length);
            fields.add(new Field(number, wireType, encoded, valueOffset));
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

    public static byte[] write(List<Field> fields) {
        int size = 0;
        for (Field f : fields) {
            size += f.encoded().length;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (Field f : fields) {
            System.arraycopy(f.encoded(), 0, out, at, f.encoded().length);
            at += f.encoded().length;
        }
        return out;
    }

    private static long readVarint(byte[] b, int[] at) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= b.length) {
                throw new IllegalArgumentException("truncated protobuf varint");
            }
            byte c = b[at[0]++];
            value |= (long) (c & 0x7f) << shift;
            if ((c & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("protobuf varint longer than 10 bytes");
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }
}
