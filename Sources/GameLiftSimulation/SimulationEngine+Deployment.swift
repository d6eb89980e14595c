import Foundation
import GameLiftAPI

// DescribeFleetDeployment, answered as GameLift answers it: container fleets only, each with the deployment
// that created it (the simulation deploys nothing else), in its home Region and every remote location.
extension SimulationEngine {
    mutating func describeFleetDeployment(_ input: DescribeFleetDeploymentInput, _ call: inout SimulationCall)
        throws -> DescribeFleetDeploymentOutput
    {
        try reject(
            RequestValidation.fleetIdOrArn(input.fleetId, member: "fleetId")
                + Self.deploymentIdViolations(input.deploymentId), call)
        let index = try resolve(input.fleetId, &call)
        let fleet = state.fleets[index]
        guard fleet.isContainerFleet else {
            throw GameLiftServiceError.answer(
                .invalidRequest,
                "Fleet \(fleet.fleetId) is not a container fleet; DescribeFleetDeployment works with container "
                    + "fleets only.",
                requestId: call.requestId)
        }
        let deploymentId = Self.initialDeploymentId(of: fleet.fleetId)
        if let asked = input.deploymentId, asked != deploymentId {
            throw GameLiftServiceError.answer(
                .notFound, "Deployment \(asked) not found for fleet \(fleet.fleetId)", requestId: call.requestId)
        }
        // The deployment completes when the fleet (or location) first becomes active; before that it is under way.
        func deploymentStatus(_ status: FleetStatus) -> String {
            [.new, .downloading, .validating, .building, .activating].contains(status) ? "IN_PROGRESS" : "COMPLETE"
        }
        var locational = [fleet.region: LocationalDeployment(deploymentStatus: deploymentStatus(status(index)))]
        for location in fleet.locations ?? [] {
            locational[location.location] = LocationalDeployment(deploymentStatus: deploymentStatus(location.status))
        }
        return DescribeFleetDeploymentOutput(
            fleetDeployment: FleetDeployment(
                deploymentId: deploymentId, fleetId: fleet.fleetId,
                deploymentStatus: deploymentStatus(status(index)),
                deploymentConfiguration: DeploymentConfiguration(
                    protectionStrategy: "WITH_PROTECTION", minimumHealthyPercentage: 50, impairmentStrategy: "MAINTAIN"),
                creationTime: fleet.creationTime),
            locationalDeployments: locational)
    }

    /// The id of the deployment that created a container fleet: stable for the fleet (`depl-` and its id's suffix).
    static func initialDeploymentId(of fleetId: String) -> String {
        "depl-" + fleetId.dropFirst(FleetIdentifier.containerFleetPrefix.count)
    }

    /// The model's constraints on `DeploymentId`: 1 to 1024 characters of `[a-zA-Z0-9\-]`.
    private static func deploymentIdViolations(_ value: String?) -> [String] {
        guard let value else { return [] }
        let allowed = value.unicodeScalars.allSatisfy {
            ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || $0 == "-"
        }
        guard (1...1024).contains(value.count), allowed else {
            return [
                RequestValidation.violation(
                    value, at: "deploymentId",
                    "have length between 1 and 1024 and satisfy regular expression pattern: ^[a-zA-Z0-9\\-]+$")
            ]
        }
        return []
    }
}
