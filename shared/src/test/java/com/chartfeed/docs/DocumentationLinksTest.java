package com.chartfeed.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The repository stands alone: every relative link and image of every Markdown file (README,
 * docs/, the modules' READMEs) names a file or folder inside it, and every {@code #anchor} a
 * heading of its target by GitHub's slug rules. A link to the team's documents beside the
 * repository ({@code ../shared/API.md}) is what a clone would show as broken.
 */
class DocumentationLinksTest {

    @Test
    void everyLinkOfTheRepositoryResolvesInsideIt() {
        Path root = repositoryRoot();
        MarkdownLinks.Report report = MarkdownLinks.check(root);
        assertTrue(report.files().contains(Path.of("README.md")), "README.md not found under " + root);
        assertTrue(report.links() > 0, "no links found in " + report.files());
        assertEquals(List.of(), report.problems(), report.problems().size() + " broken links in " + root);
    }

    /** The checker itself, on a repository made up for it: what it must catch, and what it must let through. */
    @Test
    void theCheckerFindsWhatGithubWouldShowBroken(@TempDir Path parent) throws IOException {
        Path root = Files.createDirectories(parent.resolve("repo"));
        Files.writeString(parent.resolve("beside.md"), "# Beside\n");
        Files.createDirectories(root.resolve("docs"));
        Files.createDirectories(root.resolve("target"));
        Files.writeString(root.resolve("target/built.md"), "[broken, but build output](nowhere.md)\n");
        Files.writeString(root.resolve("Main.java"), "class Main {}\n");
        Files.writeString(root.resolve("docs/api.md"), """
                # The API
                ## `GET /v1/indicators/{symbol}/{indicator}`
                ## Studies, the catalogue and their bounds
                ## Errors
                ## Errors
                """);
        Files.writeString(root.resolve("README.md"), """
                # Readme

                [ok](docs/api.md) [ok](docs/api.md#the-api) [ok](docs/api.md#get-v1indicatorssymbolindicator)
                [ok](docs/api.md#studies-the-catalogue-and-their-bounds) [ok](docs/api.md#errors-1) [ok](#readme)
                [ok](docs/) [ok](Main.java#L1) [ok](https://example.com/x.md) ![ok](docs/api.md)

                [outside](../beside.md)
                [absolute](/work/shared/API.md)
                [missing](docs/nothing.md)
                [no heading](docs/api.md#errors-2)
                [build output](target/built.md)

                | a | b |
                |---|---|
                | [in a table](docs/missing-too.md) | x |

                [by reference][ref]

                [ref]: docs/api.md#no-such

                ```
                [in a code block](nowhere.md)
                ```
                """);

        MarkdownLinks.Report report = MarkdownLinks.check(root);

        assertEquals(List.of(Path.of("README.md"), Path.of("docs/api.md")), report.files(), "target/ is skipped");
        assertEquals(17, report.links());
        List<String> problems = report.problems();
        assertEquals(7, problems.size(), String.join("\n", problems));
        assertTrue(problems.get(0).startsWith("README.md:7: ../beside.md leaves the repository"), problems.get(0));
        assertTrue(problems.get(1).startsWith("README.md:8: /work/shared/API.md is an absolute path"), problems.get(1));
        assertTrue(problems.get(2).startsWith("README.md:9: docs/nothing.md names nothing"), problems.get(2));
        assertTrue(problems.get(3).startsWith("README.md:10: docs/api.md#errors-2 has no such heading"), problems.get(3));
        assertTrue(problems.get(4).startsWith("README.md:11: target/built.md points into target/"), problems.get(4));
        assertTrue(problems.get(5).startsWith("README.md:15: docs/missing-too.md names nothing"), problems.get(5));
        assertTrue(problems.get(6).startsWith("README.md:17: docs/api.md#no-such has no such heading"), problems.get(6));
    }

    /** The repository's root: the nearest folder up from here whose pom.xml lists the modules. */
    static Path repositoryRoot() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            try {
                if (Files.isRegularFile(pom) && Files.readString(pom).contains("<modules>")) {
                    return dir;
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        throw new AssertionError("no pom.xml with <modules> above " + Paths.get("").toAbsolutePath());
    }
}
