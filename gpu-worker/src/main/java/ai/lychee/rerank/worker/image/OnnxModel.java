package ai.lychee.rerank.worker.image;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * One ONNX model run through DJL's ONNX Runtime engine, with plain float arrays in and out so pre- and
 * post-processing stay in Java next to the model that needs them (DJL's Translator idea, kept minimal).
 */
final class OnnxModel implements AutoCloseable {

    /** A dense float tensor. */
    record Tensor(float[] data, long... shape) {
        int dim(int i) {
            return (int) shape[i];
        }
    }

    private final ZooModel<Tensor, Tensor> model;

    private OnnxModel(ZooModel<Tensor, Tensor> model) {
        this.model = model;
    }

    static OnnxModel load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("model file not found: " + file);
        }
        Criteria<Tensor, Tensor> criteria = Criteria.builder()
                .setTypes(Tensor.class, Tensor.class)
                .optEngine("OnnxRuntime")
                .optModelPath(file)
                .optTranslator(new TensorTranslator())
                .build();
        try {
            return new OnnxModel(criteria.loadModel());
        } catch (IOException | ModelNotFoundException | MalformedModelException e) {
            throw new IllegalStateException("could not load " + file + ": " + e.getMessage(), e);
        }
    }

    /** Copies a model packaged as a class-path resource (for example in a jar from Maven Central) to a file. */
    static OnnxModel loadResource(String resource) {
        try (InputStream in = OnnxModel.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource not on the class path: " + resource);
            }
            Path dir = Files.createTempDirectory("lychee-onnx");
            Path file = dir.resolve(Path.of(resource).getFileName().toString());
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Tensor run(Tensor input) {
        // A predictor is cheap and not thread-safe: one per call lets callers run in parallel.
        try (Predictor<Tensor, Tensor> predictor = model.newPredictor()) {
            return predictor.predict(input);
        } catch (TranslateException e) {
            throw new IllegalStateException("inference failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        model.close();
    }

    private static final class TensorTranslator implements NoBatchifyTranslator<Tensor, Tensor> {
        @Override
        public NDList processInput(TranslatorContext ctx, Tensor input) {
            NDArray array = ctx.getNDManager().create(FloatBuffer.wrap(input.data()), new Shape(input.shape()));
            return new NDList(array);
        }

        @Override
        public Tensor processOutput(TranslatorContext ctx, NDList list) {
            NDArray out = list.get(0);
            return new Tensor(out.toFloatArray(), out.getShape().getShape());
        }
    }
}
