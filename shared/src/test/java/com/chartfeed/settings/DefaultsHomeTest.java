package com.chartfeed.settings;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every default has one home, {@code application.yml}: each component of every settings record is
 * a key there, and no record carries a default of its own ({@code @Bindable(defaultValue)}), which
 * could drift from the file an operator reads.
 */
class DefaultsHomeTest {

    @Test
    void everySettingIsDefaultedInApplicationYmlAndNowhereElse() throws IOException {
        Set<String> keys = applicationYmlKeys();
        List<Class<?>> records = settingsRecords();
        assertTrue(records.size() >= 9, "the settings records: " + records);
        List<String> missing = new ArrayList<>();
        List<String> defaultedInCode = new ArrayList<>();
        for (Class<?> settings : records) {
            String prefix = settings.getAnnotation(ConfigurationProperties.class).value();
            for (RecordComponent component : settings.getRecordComponents()) {
                String key = prefix + "." + kebab(component.getName());
                if (!keys.contains(key)) {
                    missing.add(key);
                }
            }
            for (Parameter parameter : settings.getDeclaredConstructors()[0].getParameters()) {
                Bindable bindable = parameter.getAnnotation(Bindable.class);
                if (bindable != null && !bindable.defaultValue().isEmpty()) {
                    defaultedInCode.add(settings.getSimpleName() + "." + parameter.getName());
                }
            }
        }
        assertEquals(List.of(), missing, "settings with no default in application.yml");
        assertEquals(List.of(), defaultedInCode, "defaults written in a record instead of application.yml");
    }

    private static List<Class<?>> settingsRecords() {
        List<Class<?>> records = new ArrayList<>();
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.chartfeed")) {
            if (type.isAnnotatedWith(ConfigurationProperties.class) && type.reflect().isRecord()) {
                records.add(type.reflect());
            }
        }
        return records;
    }

    private static Set<String> applicationYmlKeys() throws IOException {
        try (InputStream yml = DefaultsHomeTest.class.getResourceAsStream("/application.yml")) {
            assertFalse(yml == null, "application.yml on the class path");
            Set<String> keys = new TreeSet<>();
            flatten("", new Yaml().load(yml), keys);
            return keys;
        }
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object node, Set<String> keys) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((name, value) -> flatten(prefix.isEmpty() ? String.valueOf(name) : prefix + "." + name, value, keys));
        } else {
            keys.add(prefix);
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
