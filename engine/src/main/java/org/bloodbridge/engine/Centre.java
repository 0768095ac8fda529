package org.bloodbridge.engine;

/** A federated blood centre: {@code CD} (Chengdu Blood Center), {@code CQ} (Chongqing Blood Center), ... */
public record Centre(String code, String name, String region) {}
