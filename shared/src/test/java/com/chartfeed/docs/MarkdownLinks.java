package com.chartfeed.docs;

import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.IdGenerator;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the links and images of every Markdown file under a repository root, as GitHub would
 * render them: a relative link must name a file or folder inside the root (a clone has nothing
 * beside it), and its {@code #anchor}, in a Markdown file, must be a heading's id by GitHub's slug
 * rules. Web links ({@code http}, {@code https}, {@code mailto}) are not followed. The Markdown is
 * parsed by commonmark-java (with GitHub's tables), so a link inside a code block is not a link
 * and a reference-style link is resolved as GitHub resolves it.
 */
final class MarkdownLinks {
    /** Folders no clone has, or that are not the project's documents: build output, dependencies, git. */
    static final Set<String> SKIPPED_FOLDERS = Set.of("target", "node_modules", ".git");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final Set<String> WEB_SCHEMES = Set.of("http", "https", "mailto");
    /** GitHub's line anchors of a file that is not Markdown: {@code #L12} or {@code #L12-L20}. */
    private static final Pattern LINE_ANCHOR = Pattern.compile("L\\d+(-L\\d+)?");

    private final Path root;
    private final Parser parser = Parser.builder()
            .extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
            .build();
    private final Map<Path, Set<String>> anchors = new HashMap<>();

    private MarkdownLinks(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** What a repository's Markdown files link to, once checked. */
    record Report(List<Path> files, int links, List<String> problems) {
    }

    /** Every Markdown file under {@code root} and what is wrong with its links, as {@code file:line: problem}. */
    static Report check(Path root) {
        return new MarkdownLinks(root).check();
    }

    private Report check() {
        List<Path> files = markdownFiles();
        List<String> problems = new ArrayList<>();
        int links = 0;
        for (Path file : files) {
            Node document = parse(file);
            List<Node> found = new ArrayList<>();
            document.accept(new AbstractVisitor() {
                @Override
                public void visit(Link link) {
                    found.add(link);
                    visitChildren(link);
                }

                @Override
                public void visit(Image image) {
                    found.add(image);
                    visitChildren(image);
                }
            });
            for (Node node : found) {
                String destination = node instanceof Link link ? link.getDestination() : ((Image) node).getDestination();
                links++;
                String problem = problem(file, destination);
                if (problem != null) {
                    problems.add(root.relativize(file) + ":" + line(node) + ": " + destination + " " + problem);
                }
            }
        }
        return new Report(files.stream().map(root::relativize).toList(), links, problems);
    }

    /** What is wrong with a link of {@code file} to {@code destination}, or {@code null}. */
    private String problem(Path file, String destination) {
        if (destination.startsWith("//")) {
            return null; // protocol-relative: a web link
        }
        if (SCHEME.matcher(destination).find()) {
            String scheme = destination.substring(0, destination.indexOf(':')).toLowerCase(Locale.ROOT);
            return WEB_SCHEMES.contains(scheme) ? null : "is a " + scheme + ": link, which no reader of a clone can follow";
        }
        int hash = destination.indexOf('#');
        String path = decode(hash < 0 ? destination : destination.substring(0, hash));
        String fragment = hash < 0 ? null : decode(destination.substring(hash + 1));
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.startsWith("/")) {
            return "is an absolute path; link relative to the file instead";
        }
        Path target = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
        if (!target.startsWith(root)) {
            return "leaves the repository (" + root + ")";
        }
        for (Path part : root.relativize(target)) {
            if (SKIPPED_FOLDERS.contains(part.toString())) {
                return "points into " + part + "/, which a clone does not have";
            }
        }
        if (!Files.exists(target)) {
            return "names nothing: " + root.relativize(target) + " does not exist";
        }
        if (fragment == null || fragment.isEmpty()) {
            return null;
        }
        if (Files.isRegularFile(target) && target.getFileName().toString().endsWith(".md")) {
            Set<String> ids = anchors.computeIfAbsent(target, this::headingIds);
            return ids.contains(fragment) ? null
                    : "has no such heading in " + root.relativize(target) + " (its anchors: " + ids + ")";
        }
        return Files.isRegularFile(target) && LINE_ANCHOR.matcher(fragment).matches() ? null
                : "has an anchor GitHub cannot resolve in " + root.relativize(target);
    }

    /** The ids GitHub gives the headings of a Markdown file, in order, repeated ones suffixed -1, -2, ... */
    private Set<String> headingIds(Path file) {
        IdGenerator ids = IdGenerator.builder().build();
        Set<String> result = new LinkedHashSet<>();
        parse(file).accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                StringBuilder text = new StringBuilder();
                heading.accept(new AbstractVisitor() {
                    @Override
                    public void visit(Text t) {
                        text.append(t.getLiteral());
                    }

                    @Override
                    public void visit(Code code) {
                        text.append(code.getLiteral());
                    }
                });
                result.add(ids.generateId(text.toString()));
            }
        });
        return result;
    }

    private Node parse(Path file) {
        try {
            return parser.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Path> markdownFiles() {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return SKIPPED_FOLDERS.contains(dir.getFileName().toString()) && !dir.equals(root)
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && file.getFileName().toString().endsWith(".md")) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(null);
        return files;
    }

    /** Percent-decoding of a URL path; a {@code +} stays a plus, as it does in a path. */
    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    private static int line(Node node) {
        List<SourceSpan> spans = node.getSourceSpans();
        return spans.isEmpty() ? 0 : spans.get(0).getLineIndex() + 1;
    }
}
