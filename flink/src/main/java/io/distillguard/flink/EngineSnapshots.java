package io.distillguard.flink;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * The serialized form of the job's global detection state (the {@link io.distillguard.detect.DetectionEngine} with
 * its account graph, traffic profiles, entity risk, population baselines and prompt samples, plus the job's event
 * buffer): the object graph written with Kryo (the serializer Flink itself ships), references kept so that the
 * linker's shared value holders and pairs come back shared. The wiring (config, directory, signals, clock, sink) is
 * not state: each such object is written as a mark and read back as the live instance of the restoring operator.
 */
final class EngineSnapshots {
    private final Kryo kryo = new Kryo();

    /** A snapshotter that maps each of {@code wiring}'s objects (by class) to itself on restore. */
    EngineSnapshots(List<Object> wiring) {
        kryo.setRegistrationRequired(false);
        kryo.setReferences(true);
        kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        for (Object live : wiring) {
            kryo.register(live.getClass(), new Live<>(live));
        }
        Immutables lists = new Immutables(Kind.LIST);
        kryo.addDefaultSerializer(List.of().getClass(), lists);
        kryo.addDefaultSerializer(List.of(1).getClass(), lists);
        kryo.addDefaultSerializer(List.of(1, 2, 3).getClass(), lists);
        Immutables sets = new Immutables(Kind.SET);
        kryo.addDefaultSerializer(Set.of().getClass(), sets);
        kryo.addDefaultSerializer(Set.of(1).getClass(), sets);
        kryo.addDefaultSerializer(Set.of(1, 2, 3).getClass(), sets);
        Immutables maps = new Immutables(Kind.MAP);
        kryo.addDefaultSerializer(Map.of().getClass(), maps);
        kryo.addDefaultSerializer(Map.of(1, 1).getClass(), maps);
        kryo.addDefaultSerializer(Map.of(1, 1, 2, 2).getClass(), maps);
        kryo.addDefaultSerializer(ConcurrentHashMap.newKeySet().getClass(), new KeySetViews());
        kryo.register(PromptSamplesSerializer.TYPE, new PromptSamplesSerializer());
    }

    byte[] toBytes(Object state) {
        Output out = new Output(1 << 16, -1);
        kryo.writeClassAndObject(out, state);
        return out.toBytes();
    }

    Object fromBytes(byte[] bytes) {
        return kryo.readClassAndObject(new Input(bytes));
    }

    /** Writes nothing; reads back the running operator's instance. */
    private static final class Live<T> extends Serializer<T> {
        private final T live;

        Live(T live) {
            this.live = live;
        }

        @Override
        public void write(Kryo kryo, Output output, T object) {
        }

        @Override
        public T read(Kryo kryo, Input input, Class<? extends T> type) {
            return live;
        }
    }

    private enum Kind { LIST, SET, MAP }

    /** {@code List.of}/{@code Set.of}/{@code Map.of} instances: written as elements, read back as immutable copies. */
    private static final class Immutables extends Serializer<Object> {
        private final Kind kind;

        Immutables(Kind kind) {
            this.kind = kind;
        }

        @Override
        public void write(Kryo kryo, Output output, Object object) {
            List<Object> flat = new ArrayList<>();
            switch (kind) {
                case LIST -> flat.addAll((List<?>) object);
                case SET -> flat.addAll((Set<?>) object);
                case MAP -> ((Map<?, ?>) object).forEach((k, v) -> {
                    flat.add(k);
                    flat.add(v);
                });
            }
            output.writeVarInt(flat.size(), true);
            for (Object o : flat) {
                kryo.writeClassAndObject(output, o);
            }
        }

        @Override
        public Object read(Kryo kryo, Input input, Class<?> type) {
            int n = input.readVarInt(true);
            Object[] flat = new Object[n];
            for (int i = 0; i < n; i++) {
                flat[i] = kryo.readClassAndObject(input);
            }
            Object result = switch (kind) {
                case LIST -> List.of(flat);
                case SET -> Set.of(flat);
                case MAP -> {
                    Map<Object, Object> m = new java.util.HashMap<>();
                    for (int i = 0; i < n; i += 2) {
                        m.put(flat[i], flat[i + 1]);
                    }
                    yield Map.copyOf(m);
                }
            };
            kryo.reference(result);
            return result;
        }
    }

    /**
     * The engine's prompt-text samples: an insertion-ordered map bounded by an eviction rule that reads the owner's
     * capacity, so written as capacity and entries and rebuilt through its constructor.
     */
    private static final class PromptSamplesSerializer extends Serializer<Object> {
        static final Class<?> TYPE;
        private static final java.lang.reflect.Constructor<?> NEW;
        private static final java.lang.reflect.Field CAPACITY;
        private static final java.lang.reflect.Field TEXTS;

        static {
            try {
                TYPE = Class.forName("io.distillguard.detect.PromptSamples");
                NEW = TYPE.getDeclaredConstructor(int.class);
                NEW.setAccessible(true);
                CAPACITY = TYPE.getDeclaredField("capacity");
                CAPACITY.setAccessible(true);
                TEXTS = TYPE.getDeclaredField("texts");
                TEXTS.setAccessible(true);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public void write(Kryo kryo, Output output, Object samples) {
            try {
                output.writeVarInt(CAPACITY.getInt(samples), true);
                Map<Long, String> texts = (Map<Long, String>) TEXTS.get(samples);
                output.writeVarInt(texts.size(), true);
                texts.forEach((hash, text) -> {
                    output.writeLong(hash);
                    output.writeString(text);
                });
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object read(Kryo kryo, Input input, Class<?> type) {
            try {
                Object samples = NEW.newInstance(input.readVarInt(true));
                kryo.reference(samples);
                Map<Long, String> texts = (Map<Long, String>) TEXTS.get(samples);
                int n = input.readVarInt(true);
                for (int i = 0; i < n; i++) {
                    texts.put(input.readLong(), input.readString());
                }
                return samples;
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** {@code ConcurrentHashMap.newKeySet()} sets (the linker's pinned and allowlisted entities). */
    private static final class KeySetViews extends Serializer<Set<Object>> {
        @Override
        public void write(Kryo kryo, Output output, Set<Object> set) {
            output.writeVarInt(set.size(), true);
            for (Object o : set) {
                kryo.writeClassAndObject(output, o);
            }
        }

        @Override
        public Set<Object> read(Kryo kryo, Input input, Class<? extends Set<Object>> type) {
            Set<Object> set = ConcurrentHashMap.newKeySet();
            kryo.reference(set);
            int n = input.readVarInt(true);
            for (int i = 0; i < n; i++) {
                set.add(kryo.readClassAndObject(input));
            }
            return set;
        }
    }
}
