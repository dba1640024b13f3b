# The identity policies of the Cloud Control provider (awscc), each a JSON string built with
# jsonencode(): a managed policy, a role's own policies, and role, user and group policies.

terraform {
  required_providers {
    awscc = {
      source  = "hashicorp/awscc"
      version = "~> 1.0"
    }
  }
}

provider "awscc" {
  region = "eu-west-1"
}

resource "awscc_iam_managed_policy" "deploy" {
  managed_policy_name = "deploy"
  policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["kms:Decrypt"]
        Resource = "arn:aws:kms:*:111122223333:key/*"
      },
    ]
  })
}

resource "awscc_iam_role" "app" {
  role_name = "app"
  assume_role_policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Action    = "sts:AssumeRole"
        Principal = { Service = "ec2.amazonaws.com" }
      },
    ]
  })
  policies = [
    {
      policy_name = "reencrypt"
      policy_document = jsonencode({
        Version = "2012-10-17"
        Statement = [
          {
            Effect   = "Allow"
            Action   = "kms:ReEncrypt*"
            Resource = "*"
          },
        ]
      })
    },
  ]
}

resource "awscc_iam_role_policy" "app_key" {
  role_name   = awscc_iam_role.app.role_name
  policy_name = "app-key"
  policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource = "arn:aws:kms:eu-west-1:111122223333:key/0d5e2f3a-4b6c-4d7e-8f90-a1b2c3d4e5f6"
      },
    ]
  })
}

resource "awscc_iam_user_policy" "ops" {
  user_name   = "ops"
  policy_name = "ops-decrypt"
  policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = "arn:aws:kms:eu-west-1:111122223333:key/*"
      },
    ]
  })
}

resource "awscc_iam_group_policy" "readers" {
  group_name  = "readers"
  policy_name = "logs-read"
  policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["logs:GetLogEvents", "logs:FilterLogEvents"]
        Resource = "*"
      },
    ]
  })
}
