// The three key rules read the same verdict (keyProblem); each reports only its own kind of problem.
import { about, type Rule } from "../model";
import { keyProblem, type KeyProblem } from "../../x509/key-strength";

export function keyRule(id: KeyProblem["rule"], title: string, fix: string): Rule {
  return {
    id,
    title,
    check: (context) =>
      context.certificates.flatMap((certificate) => {
        const problem = keyProblem(certificate.x509.publicKey);
        if (problem?.rule !== id) return [];
        return [
          { rule: id, severity: "error" as const, certificate: about(certificate), message: problem.message, fix },
        ];
      }),
  };
}
