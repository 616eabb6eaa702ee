# One image per service: docker build --build-arg MODULE=user-command|user-projection .
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
# The cache mount keeps ~/.m2 between builds, so only changed dependencies are downloaded again.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests install
# Declared after the build so that both images reuse the same cached build layer.
ARG MODULE
# Both services keep their plain jar as the main artifact (system-tests runs them in one JVM),
# so their executable jars carry the "exec" classifier.
RUN case "$MODULE" in \
      user-command) cp user-command/target/user-command-*-exec.jar /app.jar ;; \
      user-projection) cp user-projection/target/user-projection-*-exec.jar /app.jar ;; \
      *) echo "Set --build-arg MODULE=user-command or MODULE=user-projection" >&2; exit 1 ;; \
    esac

FROM eclipse-temurin:17-jre
RUN useradd --system --no-create-home --uid 10001 app
COPY --from=build /app.jar /app/app.jar
USER app
ENTRYPOINT ["java","-jar","/app/app.jar"]
