# opendialer server image: `docker build -t opendialer .` then
#   docker run -p 8080:8080 -v dialer-data:/data opendialer
# Build stage: the same Maven build as `./dialer build`.
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -pl api -am package

# Run stage: a JRE only. The embedded PostgreSQL refuses to run as root, and nothing here needs root either.
FROM eclipse-temurin:21-jre
RUN useradd --system --create-home --home-dir /home/dialer --uid 10001 dialer \
    && mkdir -p /data /opt/dialer && chown dialer:dialer /data
COPY --from=build /src/api/target/dialer.jar /opt/dialer/dialer.jar
COPY --from=build /src/api/target/lib /opt/dialer/lib
COPY conf/dialer.yaml /opt/dialer/conf/dialer.yaml
# The embedded database (and its generated password) lives on the volume; the API listens beyond the container.
ENV DIALER_DATA_DIR=/data/postgres \
    DIALER_API_HOST=0.0.0.0 \
    DIALER_API_PORT=8080
VOLUME /data
WORKDIR /data
USER dialer
EXPOSE 8080 5060/udp 5060/tcp
# bash's /dev/tcp: the JRE image needs no curl for this.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${DIALER_API_PORT:-8080} && printf "GET /health/live HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && head -n 1 <&3 | grep -q " 200 "'
ENTRYPOINT ["java", "-jar", "/opt/dialer/dialer.jar"]
CMD ["up"]
