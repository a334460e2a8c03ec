package io.distillguard.sim.scenario;

import java.util.Objects;

/**
 * One population of simulated accounts: how many, the ground truth (label, campaign, true controlling entity), what
 * the gateway can see of them, and what they send when.
 *
 * @param keysPerAccount API keys per account; requests rotate over them
 * @param org            one organisation per account, or one for the population (a company, a reseller)
 * @param entity         the true controller: each account alone, or one for the whole population (a campaign)
 * @param allowlisted    an operator allowlisted the accounts (a contract that permits synthetic-data generation)
 * @param mixPrompts     benign prompts the behaviour mixes in ({@code behaviour.benign_mix})
 */
public record PopulationSpec(String name, Label label, String campaign, int accounts, String tier,
        Integer keysPerAccount, Grouping org, Grouping entity, Boolean allowlisted, AccountAttributes attributes,
        PromptSpec prompts, PromptSpec mixPrompts, ArrivalSpec arrivals, BehaviourSpec behaviour) {

    public PopulationSpec {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,40}")) {
            throw new IllegalArgumentException("population name must match [a-z0-9][a-z0-9-]{0,40}: " + name);
        }
        Objects.requireNonNull(label, "population " + name + ": label (benign or attack) is required");
        if (label == Label.ATTACK && (campaign == null || campaign.isBlank())) {
            throw new IllegalArgumentException("population " + name + ": an attack population needs a campaign id");
        }
        if (accounts < 1 || accounts > 50_000) {
            throw new IllegalArgumentException("population " + name + ": accounts must be in 1..50000");
        }
        keysPerAccount = keysPerAccount == null ? 1 : keysPerAccount;
        if (keysPerAccount < 1 || keysPerAccount > 100) {
            throw new IllegalArgumentException("population " + name + ": keys_per_account must be in 1..100");
        }
        org = org == null ? Grouping.ACCOUNT : org;
        entity = entity == null ? (label == Label.ATTACK ? Grouping.POPULATION : Grouping.ACCOUNT) : entity;
        allowlisted = allowlisted != null && allowlisted;
        attributes = attributes == null ? AccountAttributes.defaults() : attributes;
        Objects.requireNonNull(prompts, "population " + name + ": prompts are required");
        Objects.requireNonNull(arrivals, "population " + name + ": arrivals are required");
        Objects.requireNonNull(behaviour, "population " + name + ": behaviour is required");
        Objects.requireNonNull(tier, "population " + name + ": tier is required");
    }
}
