package ai.lychee.rerank.worker.mm;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The loader's own fp32-to-fp16 and bf16 conversions give torch's bits: to nearest with ties to even, subnormals,
 * overflow to infinity, signed zeros and NaN, over values from every exponent fp16 can hold and beyond.
 */
class HalfFloatsTest {

    static {
        System.setProperty("ai.djl.offline", "true");
    }

    @Test
    void floatToHalfMatchesTorchsCastBitForBit() {
        float[] values = new float[200_000];
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < values.length; i++) {
            // exponents from far below fp16's subnormals to beyond its largest value, both signs, and exact ties
            float magnitude = (float) Math.scalb(1.0 + random.nextDouble(), random.nextInt(-30, 20));
            if (i % 7 == 0) {
                magnitude = Float.intBitsToFloat(Float.floatToRawIntBits(magnitude) & 0xffffe000 | 0x1000);
            }
            values[i] = random.nextBoolean() ? magnitude : -magnitude;
        }
        float[] specials = {0f, -0f, 65504f, 65519.99f, 65520f, -65520f, 6.1035156e-5f, 5.9604645e-8f, 2.9802322e-8f,
            2.9802326e-8f, 1e-10f, Float.MIN_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        System.arraycopy(specials, 0, values, 0, specials.length);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray half = manager.create(values).toType(DataType.FLOAT16, false);
            ByteBuffer bits = half.toByteBuffer().order(ByteOrder.nativeOrder());
            float[] back = half.toType(DataType.FLOAT32, false).toFloatArray();
            for (int i = 0; i < values.length; i++) {
                short torch = bits.getShort(i * 2);
                assertThat(HalfFloats.floatToHalf(values[i])).as("%s (%08x)", values[i], Float.floatToRawIntBits(values[i]))
                        .isEqualTo(torch);
                assertThat(HalfFloats.halfToFloat(torch)).as("%04x back", torch).isEqualTo(back[i]);
            }
        }
        assertThat(Float.isNaN(HalfFloats.halfToFloat(HalfFloats.floatToHalf(Float.NaN)))).isTrue();
    }

    @Test
    void bf16RoundsToNearestEvenAsTorchDoes() {
        assertThat(HalfFloats.floatToBf16(1.0f)).isEqualTo((short) 0x3f80);
        // 1 + 2^-8 is halfway between 1 and the next bf16 up: ties go to the even one, 1
        assertThat(HalfFloats.floatToBf16(1.00390625f)).isEqualTo((short) 0x3f80);
        // 1 + 3 * 2^-8 is halfway between 1 + 2^-7 (odd) and 1 + 2^-6 (even)
        assertThat(HalfFloats.floatToBf16(1.01171875f)).isEqualTo((short) 0x3f82);
        assertThat(HalfFloats.bf16ToFloat((short) 0xc040)).isEqualTo(-3.0f);
        assertThat(Float.isNaN(HalfFloats.roundToBf16(Float.NaN))).isTrue();
    }
}
